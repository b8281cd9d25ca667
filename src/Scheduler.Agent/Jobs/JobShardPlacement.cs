using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// Places each job's shard (one shard per job) on the replica whose region first asks for it. The resource class starts
/// a claimed job through the region of the replica that granted its slot, so the job runs where its slot is counted.
/// Running jobs are never moved. Each rebalance round deallocates the shards whose job entity has stopped (the job
/// ended), so the coordinator's state holds the live jobs, not every job ever run.
/// </summary>
public sealed class JobShardPlacement : IShardAllocationStrategy
{
    private const int MaxDeallocatedPerRound = 200;
    private static readonly TimeSpan RegionQueryTimeout = TimeSpan.FromSeconds(3);

    public Task<IActorRef> AllocateShard(
        IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        if (currentShardAllocations.ContainsKey(requester) || currentShardAllocations.Count == 0)
            return Task.FromResult(requester);
        // The requester is not a region (the coordinator itself, re-allocating): the least busy region takes it.
        return Task.FromResult(currentShardAllocations.MinBy(a => a.Value.Count).Key);
    }

    public async Task<IImmutableSet<string>> Rebalance(
        IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
    {
        var empty = ImmutableHashSet.CreateBuilder<string>();
        foreach (var region in currentShardAllocations.Keys)
        {
            CurrentShardRegionState state;
            try
            {
                state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, RegionQueryTimeout);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                continue;
            }

            var allocated = currentShardAllocations[region].ToHashSet();
            foreach (var shard in state.Shards.Where(s => s.EntityIds.Count == 0 && allocated.Contains(s.ShardId) && !rebalanceInProgress.Contains(s.ShardId)))
            {
                empty.Add(shard.ShardId);
                if (empty.Count == MaxDeallocatedPerRound)
                    return empty.ToImmutable();
            }
        }
        return empty.ToImmutable();
    }
}
