using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

public class TaskSpecTests
{
    private static TaskSpec Spec(string secret = "topsecret-1") => new(
        "small", "alpine", [new StepSpec("a", "echo a")],
        new Dictionary<string, string> { ["MODE"] = "ci" },
        new Dictionary<string, string> { ["TOKEN"] = secret },
        TimeSpan.FromMinutes(5));

    [Fact]
    public void ToString_masks_secret_values_but_shows_their_names()
    {
        var text = Spec().ToString();
        Assert.DoesNotContain("topsecret-1", text);
        Assert.Contains("TOKEN=********", text);
        Assert.Contains("MODE=ci", text);
    }

    [Fact]
    public void Equality_compares_contents()
    {
        Assert.Equal(Spec(), Spec());
        Assert.NotEqual(Spec(), Spec("other"));
        Assert.NotEqual(Spec(), Spec() with { Steps = [new StepSpec("a", "echo b")] });
    }

    [Fact]
    public void Timeout_above_max_run_time_is_rejected()
    {
        var error = Assert.Single(TaskSpecLimits.Check(Spec() with { Timeout = TimeSpan.FromHours(6) }, TimeSpan.FromHours(5)));
        Assert.Equal("timeout: 6h0m0s exceeds agent.maxRunTime (5h0m0s)", error.ToString());
        Assert.Empty(TaskSpecLimits.Check(Spec(), TimeSpan.FromHours(5)));
        Assert.Empty(TaskSpecLimits.Check(Spec() with { Timeout = null }, TimeSpan.FromHours(5)));
    }

    [Fact]
    public void Effective_timeout_falls_back_to_max_run_time()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), TaskSpecLimits.EffectiveTimeout(Spec(), TimeSpan.FromHours(5)));
        Assert.Equal(TimeSpan.FromHours(5), TaskSpecLimits.EffectiveTimeout(Spec() with { Timeout = null }, TimeSpan.FromHours(5)));
    }
}
