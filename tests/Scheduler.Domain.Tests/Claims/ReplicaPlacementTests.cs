using Scheduler.Domain.Claims;
using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Tests.Claims;

public sealed class ReplicaPlacementTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly SlotHolder[] Holders =
    [
        new(new JobId("t-b"), T0.AddSeconds(2), "r1"),
        new(new JobId("t-a"), T0.AddSeconds(1), "r2"),
        new(new JobId("t-c"), T0.AddSeconds(3), "r1"),
        new(new JobId("t-old"), T0, null),
    ];

    [Fact]
    public void Counts_and_lists_the_jobs_each_replica_runs()
    {
        Assert.Equal(2, ReplicaPlacement.HeldOn(Holders, "r1"));
        Assert.Equal(0, ReplicaPlacement.HeldOn(Holders, "r3"));
        Assert.Equal(["t-b", "t-c"], ReplicaPlacement.JobsOn(Holders, "r1").Select(j => j.Value));
    }

    [Fact]
    public void Jobs_on_replicas_that_left_and_unplaced_claims_are_orphans_oldest_first()
    {
        var orphans = ReplicaPlacement.Orphans(Holders, new HashSet<string> { "r2" });

        Assert.Equal(["t-old", "t-b", "t-c"], orphans.Select(j => j.Value));
        Assert.Empty(ReplicaPlacement.Orphans(Holders.Where(h => h.Replica is not null), new HashSet<string> { "r1", "r2" }));
    }

    [Theory]
    [InlineData(0, 5, 1, 3, 2)]   // the class limit leaves room for 2 of the 5 queued
    [InlineData(0, 1, 0, 3, 1)]   // only 1 queued
    [InlineData(0, 5, 3, 3, 0)]   // at the limit
    [InlineData(2, 5, 3, 3, 2)]   // orphans hold class slots already, so they need replica slots even at the limit
    [InlineData(1, 0, 4, 3, 1)]   // a lowered limit never makes the count negative
    public void Asks_for_a_slot_per_orphan_plus_what_the_class_limit_allows(int orphans, int queued, int running, int limit, int wanted) =>
        Assert.Equal(wanted, ReplicaPlacement.Wanted(orphans, queued, running, limit));
}
