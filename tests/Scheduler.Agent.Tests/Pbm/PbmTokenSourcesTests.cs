using Scheduler.Agent.Tests.EndToEnd;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>
/// <c>sched pbm</c> finds the console's token where the other commands find theirs (<c>--token-file</c>,
/// <c>$SCHED_TOKEN</c>, the CLI config file), and refuses one on the command line.
/// </summary>
public sealed class PbmTokenSourcesTests : IAsyncLifetime
{
    private const string ConsoleToken = "s3cret-console-token";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pbm-token-");
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() =>
        _agent = await AgentFixture.StartAsync(hocon: $"console.token = \"{ConsoleToken}\"", consoleListen: "0.0.0.0:0");

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private string Endpoint => $"127.0.0.1:{_agent.Agent.ConsoleEndpoint!.Port}";

    /// <summary>No token from this machine's environment or CLI config, then <paramref name="set"/>.</summary>
    private Dictionary<string, string?> Environment(params (string Name, string Value)[] set)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SCHED_TOKEN"] = null,
            ["SCHED_CONSOLE_TOKEN"] = null,
            ["SCHED_CLI_CONFIG"] = Path.Combine(_directory.FullName, "no-such-cli.json"),
        };
        foreach (var (name, value) in set)
            environment[name] = value;
        return environment;
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task The_token_comes_from_a_token_file_the_environment_or_the_cli_config_file()
    {
        var tokenFile = WriteFile("console.token", ConsoleToken + "\n");
        var configFile = WriteFile("cli.json", $$"""{ "token": "{{ConsoleToken}}" }""");

        var fromFile = await PbmProcess.RunAsync(["pbm", Endpoint, "cluster", "show", "--token-file", tokenFile], null, Environment());
        var fromVariable = await PbmProcess.RunAsync(["pbm", Endpoint, "cluster", "show"], null, Environment(("SCHED_TOKEN", ConsoleToken)));
        var fromConfig = await PbmProcess.RunAsync(["pbm", Endpoint, "cluster", "show"], null, Environment(("SCHED_CLI_CONFIG", configFile)));

        foreach (var outcome in new[] { fromFile, fromVariable, fromConfig })
        {
            Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
            Assert.Equal("Count: 1 nodes", outcome.OutputLines[^1]);
        }
    }

    [Fact]
    public async Task Without_a_token_access_is_denied_and_the_old_sources_are_no_longer_read()
    {
        var outcome = await PbmProcess.RunAsync(["pbm", Endpoint, "cluster", "show"], null, Environment(("SCHED_CONSOLE_TOKEN", ConsoleToken)));

        Assert.Equal((2, "", "access denied\n"), (outcome.ExitCode, outcome.Output, outcome.Error));
    }

    [Fact]
    public async Task A_token_on_the_command_line_is_refused_before_anything_is_sent()
    {
        var outcome = await PbmProcess.RunAsync(["pbm", Endpoint, "--token", ConsoleToken, "cluster", "show"], null, Environment());

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("", outcome.Output);
        Assert.StartsWith("sched pbm: --token is not accepted, a token never goes on the command line: give it with --token-file FILE, $SCHED_TOKEN,", outcome.Error);
    }

    [Fact]
    public async Task An_unreadable_token_file_is_bad_input_naming_the_file()
    {
        var outcome = await PbmProcess.RunAsync(["pbm", Endpoint, "cluster", "show", "--token-file", "/nonexistent/console.token"], null, Environment());

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("sched pbm: cannot read the token file \"/nonexistent/console.token\"", outcome.Error);
    }
}
