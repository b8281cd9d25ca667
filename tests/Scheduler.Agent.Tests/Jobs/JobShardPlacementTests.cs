using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.Jobs;

/// <summary>The job region's rebalance hands off only the shards that two consecutive rounds found without an entity.</summary>
public sealed class JobShardPlacementTests : TestKit
{
    [Fact]
    public async Task A_shard_found_empty_once_stays_and_one_found_empty_twice_is_deallocated()
    {
        var placement = new JobShardPlacement();
        var region = CreateTestProbe();
        var allocations = ImmutableDictionary<IActorRef, IImmutableList<string>>.Empty
            .Add(region.Ref, ImmutableList.Create("ended", "adopting", "running"));

        var first = Round(placement, allocations, region, ("ended", 0), ("adopting", 0), ("running", 1));
        Assert.Empty(await first);

        // The adopter's entity has started since; the ended job's shard is still empty.
        var second = Round(placement, allocations, region, ("ended", 0), ("adopting", 1), ("running", 1));
        Assert.Equal(["ended"], await second);
    }

    [Fact]
    public async Task A_shard_already_being_rebalanced_is_not_offered_again()
    {
        var placement = new JobShardPlacement();
        var region = CreateTestProbe();
        var allocations = ImmutableDictionary<IActorRef, IImmutableList<string>>.Empty.Add(region.Ref, ImmutableList.Create("ended"));

        Assert.Empty(await Round(placement, allocations, region, ("ended", 0)));
        Assert.Empty(await Round(placement, allocations, region, ImmutableHashSet.Create("ended"), ("ended", 0)));
    }

    private static Task<IImmutableSet<string>> Round(
        JobShardPlacement placement, IImmutableDictionary<IActorRef, IImmutableList<string>> allocations, Akka.TestKit.TestProbe region,
        params (string Shard, int Entities)[] shards) =>
        Round(placement, allocations, region, ImmutableHashSet<string>.Empty, shards);

    private static Task<IImmutableSet<string>> Round(
        JobShardPlacement placement, IImmutableDictionary<IActorRef, IImmutableList<string>> allocations, Akka.TestKit.TestProbe region,
        IImmutableSet<string> inProgress, params (string Shard, int Entities)[] shards)
    {
        var round = placement.Rebalance(allocations, inProgress);
        region.ExpectMsg<GetShardRegionState>();
        region.Reply(new CurrentShardRegionState(shards
            .Select(s => new ShardState(s.Shard, Enumerable.Range(0, s.Entities).Select(i => $"{s.Shard}-{i}").ToImmutableHashSet()))
            .ToImmutableHashSet(), ImmutableHashSet<string>.Empty));
        return round;
    }
}
