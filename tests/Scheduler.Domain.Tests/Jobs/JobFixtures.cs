using Scheduler.Domain.Jobs;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Jobs;

internal static class JobFixtures
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly JobId Id = new("t-job1");

    public static TaskSpec Spec(bool secrets = false, int steps = 2, TimeSpan? timeout = null) => new(
        "small", null,
        Enumerable.Range(1, steps).Select(i => new StepSpec($"s{i}", $"echo {i}")).ToArray(),
        new Dictionary<string, string>(),
        secrets ? new Dictionary<string, string> { ["TOKEN"] = "abcd1234" } : new Dictionary<string, string>(),
        timeout);

    public static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    public static JobState Queued(TaskSpec? spec = null) => JobState.Submitted(new JobSubmitted(Id, spec ?? Spec(), T0));

    public static JobState Running(TaskSpec? spec = null) =>
        Queued(spec).Apply(new JobClaimed(1, At(1))).Apply(new PodCreated("sched-t-job1-1", At(2))).Apply(new PodRunning("node-a", At(3)));
}
