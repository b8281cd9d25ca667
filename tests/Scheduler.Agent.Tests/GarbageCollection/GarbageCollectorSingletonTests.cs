using System.Net.Http.Json;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Api;
using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.GarbageCollection;

/// <summary>The garbage collector is a cluster singleton: one replica runs it, and another takes over when it leaves.</summary>
public sealed class GarbageCollectorSingletonTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task One_replica_collects_and_the_other_takes_over_when_it_leaves()
    {
        await using var cluster = await ReplicaCluster.StartAsync(TestClasses.Hocon + "\nagent.kubeGCInterval = 300ms\n", gcGrace: TimeSpan.Zero);
        var first = ReplicaCluster.AddressOf(cluster.First);
        var second = ReplicaCluster.AddressOf(cluster.Second);

        await StrayObjects.CreatePodAsync(cluster.Client, "sched-t-before-1", StrayObjects.ManagedLabels("t-before"));
        await Eventually.UntilAsync(() => StrayObjects.PodExistsAsync(cluster.Client, "sched-t-before-1"), exists => !exists, "the first orphan to be deleted", Timeout);
        // Both replicas' proxies reach the same single instance, on the oldest member, which did the deletion.
        var fromFirst = await StatusAsync(cluster.First);
        var fromSecond = await StatusAsync(cluster.Second);
        Assert.Equal(first, fromFirst.Node);
        Assert.Equal(first, fromSecond.Node);
        Assert.Contains(fromSecond.RecentDeletions, d => d.Name == "sched-t-before-1");

        await cluster.StopAsync(cluster.First);
        await StrayObjects.CreatePodAsync(cluster.Client, "sched-t-after-1", StrayObjects.ManagedLabels("t-after"));

        await Eventually.UntilAsync(() => StrayObjects.PodExistsAsync(cluster.Client, "sched-t-after-1"), exists => !exists, "the second orphan to be deleted", Timeout);
        var taken = await StatusAsync(cluster.Second);
        Assert.Equal(second, taken.Node);
        Assert.Contains(taken.RecentDeletions, d => d.Name == "sched-t-after-1");
        Assert.DoesNotContain(taken.RecentDeletions, d => d.Name == "sched-t-before-1");
    }

    private static async Task<GarbageCollectorStatus> StatusAsync(AgentHost replica)
    {
        using var http = TestTokens.Client(replica.ApiBaseUri);
        return (await http.GetFromJsonAsync<GarbageCollectorStatus>(TaskRoutes.GarbageCollector, ApiJson.Options))!;
    }
}
