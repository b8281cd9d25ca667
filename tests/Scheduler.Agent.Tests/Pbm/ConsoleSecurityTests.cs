using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Cli.Pbm;

namespace Scheduler.Agent.Tests.Pbm;

public sealed class ConsoleSecurityTests
{
    [Fact]
    public async Task Binding_beyond_loopback_without_a_token_is_refused_at_start_up()
    {
        var data = Directory.CreateTempSubdirectory("pbm-open-");
        try
        {
            var outcome = await PbmProcess.RunAsync("agent", "--data-dir", data.FullName, "--listen", "http://127.0.0.1:0", "--console", "0.0.0.0:0");

            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains("console.token: required when console.host (0.0.0.0) is not a loopback address", outcome.Error);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_a_token_it_serves_beyond_loopback_only_to_who_gives_it_and_a_wrong_one_learns_nothing()
    {
        await using var fixture = await AgentFixture.StartAsync(hocon: "console.token = \"s3cret-console-token\"", consoleListen: "0.0.0.0:0");
        var port = fixture.Agent.ConsoleEndpoint!.Port;

        foreach (var wrong in new[] { "s3cret-console-tokeN", "", null })
        {
            var client = new ConsoleClient("127.0.0.1", port, wrong);
            var (output, error) = (new StringWriter(), new StringWriter());
            Assert.Equal(2, await client.RunAsync(["cluster", "show"], output, error, CancellationToken.None));
            Assert.Equal(("", "access denied\n"), (output.ToString(), error.ToString()));
            Assert.Empty(await client.PalettesAsync(CancellationToken.None));
        }

        var right = new ConsoleClient("127.0.0.1", port, "s3cret-console-token");
        var shown = new StringWriter();
        Assert.Equal(0, await right.RunAsync(["cluster", "show"], shown, TextWriter.Null, CancellationToken.None));
        Assert.EndsWith("Count: 1 nodes\n", shown.ToString());
    }
}
