using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Hosting;
using Scheduler.Agent.Pbm;
using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Agent.Tests.Support;
using Scheduler.Cli.Pbm;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>With <c>console.token</c> set, the console also serves the operator's API token; nothing else gets in.</summary>
public sealed class ConsoleOperatorTokenTests
{
    [Fact]
    public void A_console_with_a_token_accepts_it_and_the_operator_token_and_nothing_else()
    {
        var token = ConsoleToken.Resolve(new ConsoleOptions { Token = "console-secret" }, operatorToken: "operator-secret");

        Assert.Equal(
            [true, true, false, false, false, false],
            new[] { "console-secret", "operator-secret", "operator-secreT", "console-secret ", "", null }.Select(token.Accepts));
    }

    [Fact]
    public void A_loopback_console_without_a_token_serves_any_request_operator_token_or_not()
    {
        var token = ConsoleToken.Resolve(new ConsoleOptions(), operatorToken: "operator-secret");

        Assert.All(new[] { "operator-secret", "anything", null }, given => Assert.True(token.Accepts(given)));
    }

    [Fact]
    public async Task An_agent_console_beyond_loopback_answers_the_operator_token_and_denies_a_class_token()
    {
        await using var fixture = await AgentFixture.StartAsync(hocon: "console.token = \"s3cret-console-token\"", consoleListen: "0.0.0.0:0");
        var port = fixture.Agent.ConsoleEndpoint!.Port;
        await fixture.Agent.Services.GetRequiredService<ActorSystem>().WhenMemberUpAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var shown = new StringWriter();
        Assert.Equal(0, await new ConsoleClient("127.0.0.1", port, TestTokens.Operator).RunAsync(["cluster", "show"], shown, TextWriter.Null, CancellationToken.None));
        Assert.EndsWith("Count: 1 nodes\n", shown.ToString());

        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, await new ConsoleClient("127.0.0.1", port, TestTokens.LocalSmall).RunAsync(["cluster", "show"], output, error, CancellationToken.None));
        Assert.Equal(("", "access denied\n"), (output.ToString(), error.ToString()));
    }
}
