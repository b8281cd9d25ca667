using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.ConstraintChecker;

public sealed class CheckThresholdTests
{
    private const string Classes = """
            resourceClasses {
              "test/ok" { token = "ok-token", execution = exec }
              "test/ssd" { token = "ssd-token", execution = exec, spec { nodeSelector { "disktype" = "ssd" } } }
            }
        """;

    [Fact]
    public async Task A_class_stays_enabled_until_its_failures_reach_the_threshold()
    {
        await using var agent = await CheckedAgent.StartAsync($"agent {{\n constraintChecker {{ threshold = 3, interval = 1s }}\n{Classes}\n}}");
        var seen = new List<ResourceClassView>();

        var disabled = await Eventually.UntilAsync(async () =>
        {
            var view = await agent.ClassAsync("test/ssd");
            seen.Add(view);
            return view;
        }, v => !v.Enabled, "test/ssd disabled", TimeSpan.FromSeconds(30));

        Assert.Equal(3, disabled.ConsecutiveFailures);
        Assert.Contains(seen, v => v.Enabled && v.ConsecutiveFailures is 1 or 2);
        Assert.DoesNotContain(seen, v => !v.Enabled && v.ConsecutiveFailures < 3);
        var ok = await agent.ClassAsync("test/ok");
        Assert.Equal((true, 0), (ok.Enabled, ok.ConsecutiveFailures));
    }

    [Fact]
    public async Task A_disabled_checker_checks_nothing_and_every_class_claims()
    {
        await using var agent = await CheckedAgent.StartAsync($"agent {{\n constraintChecker {{ enable = false, threshold = 1, interval = 1s }}\n{Classes}\n}}");
        var job = await agent.Agent.SubmitAsync("resource_class: test/ok\nsteps: [ \"echo ran\" ]\n");
        Assert.Equal(JobStates.Succeeded, (await agent.Agent.AwaitEndAsync(job.Id)).View.State);

        var classes = await agent.ClassesAsync();

        Assert.False(classes.CheckerEnabled);
        Assert.All(classes.Classes, c => Assert.Equal((true, 0, (DateTimeOffset?)null), (c.Enabled, c.ConsecutiveFailures, c.LastChecked)));
    }
}
