using Scheduler.Cli.Commands;
using Xunit;

namespace Scheduler.Agent.Tests.Cli;

/// <summary><c>sched run</c>'s checks before it starts anything: bad input exits 2, names the field, and starts nothing.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sched-run-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string DataDirectory => Path.Combine(_directory, "data");

    [Theory]
    [InlineData("resource_class: local/small\nsteps:\n  - name: build\n", "steps[0].run: required")]
    [InlineData("resource_class: local/small\nsteps: [echo hi]\ncolour: red\n", "colour: unknown field")]
    [InlineData("resource_class: local/huge\nsteps: [echo hi]\n", "resource_class: no resource class \"local/huge\"")]
    [InlineData("resource_class: local/small\nsteps: [echo hi]\ntimeout: 6h\n", "timeout: 6h0m0s exceeds agent.maxRunTime")]
    public async Task A_bad_spec_exits_2_naming_the_field_and_starts_nothing(string yaml, string expected)
    {
        var file = Write("task.yaml", yaml);

        var (exitCode, _, error) = await RunAsync(new RunSettings(new FileInfo(file), DataDirectory: DataDirectory, Environment: NoEnvironment()));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(expected, error);
        Assert.Contains(file, error);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task A_missing_spec_file_exits_2()
    {
        var file = Path.Combine(_directory, "missing.yaml");

        var (exitCode, _, error) = await RunAsync(new RunSettings(new FileInfo(file), DataDirectory: DataDirectory, Environment: NoEnvironment()));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("missing.yaml", error);
    }

    [Fact]
    public async Task A_bad_agent_config_exits_2_naming_the_key_and_starts_nothing()
    {
        var spec = Write("task.yaml", "resource_class: local/small\nsteps: [echo hi]\n");
        var config = Write("agent.conf", "agent { maxRunTime = forever }\n");

        var (exitCode, _, error) = await RunAsync(new RunSettings(
            new FileInfo(spec), ConfigFile: config, DataDirectory: DataDirectory, Environment: NoEnvironment()));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("agent.maxRunTime", error);
        Assert.False(Directory.Exists(DataDirectory));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(RunSettings settings)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await new RunCommandHandler(output, error).RunAsync(settings, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static Dictionary<string, string> NoEnvironment() => [];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
