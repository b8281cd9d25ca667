using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Api;
using Scheduler.Agent.Tests.Support;
using Scheduler.Cli.Commands;
using Xunit;

namespace Scheduler.Agent.Tests.Cli;

/// <summary>
/// The CLI's own config file (<c>SCHED_CLI_CONFIG</c>) gives the server and the token when no flag does. Other CLI tests
/// running meanwhile pass <c>--server</c> and <c>--token-file</c>, which take precedence over this file.
/// </summary>
public sealed class CliConfigFileTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sched-cli-config-").FullName;
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("SCHED_CLI_CONFIG", null);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Status_takes_the_server_and_the_token_file_from_the_cli_config()
    {
        var job = _server.Jobs.Add(JobStates.Running, ApiTestServer.SmallClass);
        var config = Path.Combine(_directory, "cli.json");
        await File.WriteAllTextAsync(config,
            $$"""{"server": "{{_server.Client.BaseAddress}}", "tokenFile": "{{TestTokens.File(ApiTestServer.SmallToken)}}"}""");
        Environment.SetEnvironmentVariable("SCHED_CLI_CONFIG", config);

        var result = await CliRunner.InvokeAsync("status", job.Id);

        Assert.True(result.ExitCode == ExitCodes.Succeeded, result.Error);
        Assert.Contains($"job {job.Id}: running", result.Output);
    }
}
