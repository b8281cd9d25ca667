using Scheduler.Domain.Claims;
using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Tests.Claims;

public class SlotReconciliationTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private static SlotHolder Held(string id, int secondsAgo = 300) => new(new JobId(id), Now.AddSeconds(-secondsAgo));

    [Fact]
    public void Releases_slots_of_ended_jobs_without_pods_unknown_and_podless_jobs_only()
    {
        var phases = new Dictionary<string, JobPhase>
        {
            ["t-running"] = JobPhase.Running,
            ["t-done"] = JobPhase.Succeeded,
            ["t-cleaning-up"] = JobPhase.Succeeded,
            ["t-cancelled"] = JobPhase.Cancelled,
            ["t-lost-pod"] = JobPhase.Running,
            ["t-just-created"] = JobPhase.Starting,
            ["t-claimed"] = JobPhase.Claimed,
            ["t-queued"] = JobPhase.Queued,
            ["t-claim-in-flight"] = JobPhase.Queued,
        };
        var held = new[]
        {
            Held("t-running"), Held("t-done"), Held("t-cleaning-up"), Held("t-cancelled"), Held("t-lost-pod"),
            Held("t-just-created", secondsAgo: 5), Held("t-claimed"), Held("t-queued"), Held("t-unknown"),
            Held("t-claim-in-flight", secondsAgo: 1),
        };
        // An ended job whose pod still exists is cleaning up: its slot stays taken until the pod is gone. A job claimed a
        // moment ago may not have recorded its claim yet: its view still says queued.
        var pods = new HashSet<JobId> { new("t-running"), new("t-cleaning-up"), new("t-other-replica") };

        var result = SlotReconciliation.Reconcile(held, pods, id => phases.TryGetValue(id.Value, out var p) ? p : null, Now, Grace);

        Assert.Equal(
            ["t-done", "t-cancelled", "t-lost-pod", "t-queued", "t-unknown"],
            result.Release.Select(r => r.JobId.Value));
        Assert.Equal("the job has ended (Succeeded)", result.Release[0].Reason);
        Assert.Equal("the job's pod no longer exists", result.Release[2].Reason);
        Assert.Equal("the job is unknown", result.Release[4].Reason);
        Assert.Equal([new JobId("t-other-replica")], result.Untracked);
    }

    [Fact]
    public void Nothing_to_do_when_beliefs_match_reality()
    {
        var result = SlotReconciliation.Reconcile([Held("t-a")], new HashSet<JobId> { new("t-a") }, _ => JobPhase.Running, Now, Grace);
        Assert.Empty(result.Release);
        Assert.Empty(result.Untracked);
    }
}
