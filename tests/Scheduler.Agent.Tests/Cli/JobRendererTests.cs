using Scheduler.Agent.Jobs;
using Scheduler.Cli.Client;

namespace Scheduler.Agent.Tests.Cli;

/// <summary>What <c>sched status</c> prints about retried attempts and a truncated log.</summary>
public sealed class JobRendererTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_lists_each_failed_attempt_and_says_when_the_log_was_truncated()
    {
        var job = new JobView("t-1", "local/small", JobStates.Succeeded, 2, null, null, At, At, At.AddSeconds(5),
            [new StepView(0, "build", "succeeded", 0, At, At.AddSeconds(5))])
        {
            LogTruncated = true,
            FailedAttempts = [new FailedAttemptView(1, "PodDeleted", "pod sched-t-1-1 was deleted before it ran", At)],
        };

        var lines = JobRenderer.Summary(job).ToList();

        Assert.Contains("  log             truncated: output past the class's outputLimit was dropped", lines);
        Assert.Contains(lines, l => l.StartsWith("  attempt 1       PodDeleted: pod sched-t-1-1 was deleted before it ran (at ") && l.EndsWith("; retried)"));
    }

    [Fact]
    public void A_job_without_retries_or_truncation_prints_neither()
    {
        var job = new JobView("t-1", "local/small", JobStates.Succeeded, 1, null, null, At, At, At.AddSeconds(5), []);

        Assert.DoesNotContain(JobRenderer.Summary(job), l => l.Contains("attempt") || l.Contains("truncated"));
    }
}
