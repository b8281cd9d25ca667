using Scheduler.Agent.Tests.Support;
using Scheduler.Agent.Tests.Adoption;
using Scheduler.Cli.Commands;

namespace Scheduler.Agent.Tests.Cli;

/// <summary><c>sched logs -f</c> against an agent process that is SIGKILLed while it streams.</summary>
public sealed class LogsFollowAgentLossTests(AdoptionCluster cluster) : IClassFixture<AdoptionCluster>, IAsyncLifetime
{
    private AdoptionScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await AdoptionScenario.StartAsync(cluster, "exec");

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_follow_cut_by_the_agents_death_fails_with_the_offset_to_resume_from_not_a_stack_trace()
    {
        var job = await _scenario.SubmitAsync([StepScripts.Endless("endless")]);
        var follow = CliRunner.InvokeAsync("logs", job.Id, "-f", "--server", _scenario.Agent.ApiBaseUri.ToString(), "--token-file", TestTokens.File());
        await _scenario.AwaitLogContainsAsync(job.Id, "tick 2\n");

        await _scenario.Agent.KillAsync();
        var outcome = await follow;

        Assert.Equal(ExitCodes.InfrastructureFailure, outcome.ExitCode);
        // The offset to resume from is exactly what was printed: nothing lost, nothing repeated on resume.
        Assert.Contains($"resume with --offset {System.Text.Encoding.UTF8.GetByteCount(outcome.Output)})", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }
}
