using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Actors;
using k8s.Models;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// Three replicas on one PostgreSQL and one LocalKube, each allowed two pods; two classes whose limits add up to more
/// than the replicas hold. LocalKube's own pod events are the evidence: every pod carries its class and the replica that
/// created it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterLimitsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int PerReplica = 2;
    private const int Replicas = 3;
    private static readonly Dictionary<string, int> ClassLimits = new() { ["test/wide"] = 4, ["test/narrow"] = 3 };

    private ReplicaCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ReplicaCluster.StartAsync($$"""
        agent {
          maxConcurrentTasks = {{PerReplica}}
          constraintChecker.enable = false
          resourceClasses {
            "test/wide" { token = "wide-token", maxConcurrentTasks = {{ClassLimits["test/wide"]}}, execution = exec }
            "test/narrow" { token = "narrow-token", maxConcurrentTasks = {{ClassLimits["test/narrow"]}}, execution = exec }
          }
        }
        """, AgentHost.DefaultGarbageCollectionGrace, await postgres.AgentEnvironmentAsync("limits"), Replicas);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Thirty_tasks_keep_every_class_limit_cluster_wide_and_every_replica_limit_where_the_pods_run()
    {
        var pods = new LivePods();
        using var watchCts = new CancellationTokenSource();
        var observer = pods.FollowAsync(_cluster.Client, watchCts.Token);
        await pods.Watching.WaitAsync(TimeSpan.FromSeconds(30));

        var classes = ClassLimits.Keys.ToArray();
        var submitted = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            _cluster.Replicas[i % Replicas].Jobs.SubmitAsync(Spec(classes[i % 2], i), CancellationToken.None)));
        var ended = await Task.WhenAll(submitted.Select(j => Eventually.UntilAsync(
            () => _cluster.First.Jobs.GetAsync(j.Id, CancellationToken.None), v => v is { FinishedAt: not null },
            $"job {j.Id} to end", TimeSpan.FromMinutes(3))));
        await Eventually.UntilAsync(() => Task.FromResult(pods.LiveCount), n => n == 0, "every pod to be deleted", TimeSpan.FromSeconds(60));
        watchCts.Cancel();
        await observer;

        Assert.All(ended, v => Assert.Equal(JobStates.Succeeded, v!.State));
        Assert.All(ClassLimits, c => Assert.InRange(pods.Peak(SchedulerLabels.ResourceClass, LabelValue.Sanitize(c.Key)), 1, c.Value));
        var replicas = pods.Values(SchedulerLabels.Replica);
        Assert.Equal(Replicas, replicas.Count);
        // Work-conserving: each replica filled its slots, and at some moment all of them were in use at once.
        Assert.All(replicas, r => Assert.Equal(PerReplica, pods.Peak(SchedulerLabels.Replica, r)));
        Assert.Equal(PerReplica * Replicas, pods.PeakTotal);

        // Ended jobs' shards are deallocated by the next rebalance rounds (every 10 s): no region keeps one.
        await Eventually.UntilAsync(() => Task.WhenAll(_cluster.Replicas.Select(JobShardsAsync)), shards => shards.All(n => n == 0),
            "every ended job's shard to be deallocated", TimeSpan.FromSeconds(60));
    }

    private static async Task<int> JobShardsAsync(AgentHost replica)
    {
        var region = await replica.Services.GetRequiredService<ActorRegistry>().GetAsync<JobActor>();
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return state.Shards.Count;
    }

    private static Domain.Tasks.TaskSpec Spec(string resourceClass, int i)
    {
        var parsed = Domain.Tasks.TaskSpecParser.Parse($"""
            resource_class: {resourceClass}
            steps:
              - name: work
                run: echo task {i}; sleep 1
            """);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Spec;
    }

    /// <summary>The managed pods that exist, from LocalKube's watch, and the most that ever existed at once by label.</summary>
    private sealed class LivePods
    {
        private readonly Dictionary<string, IDictionary<string, string>> _live = new();
        private readonly Dictionary<(string Key, string Value), int> _peaks = new();
        private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Watching => _watching.Task;
        public int PeakTotal { get; private set; }

        public int LiveCount
        {
            get { lock (_live) return _live.Count; }
        }

        public int Peak(string key, string value)
        {
            lock (_live) return _peaks.GetValueOrDefault((key, value));
        }

        public IReadOnlySet<string> Values(string key)
        {
            lock (_live) return _peaks.Keys.Where(k => k.Key == key).Select(k => k.Value).ToHashSet();
        }

        public async Task FollowAsync(IKubernetes client, CancellationToken ct)
        {
            var events = client.CoreV1.WatchListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector, cancellationToken: ct);
            _watching.TrySetResult();
            try
            {
                await foreach (var (type, pod) in events)
                    Record(type, pod);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        private void Record(WatchEventType type, V1Pod pod)
        {
            lock (_live)
            {
                if (type == WatchEventType.Deleted)
                    _live.Remove(pod.Metadata.Name);
                else if (type is WatchEventType.Added or WatchEventType.Modified)
                    _live[pod.Metadata.Name] = pod.Metadata.Labels;
                PeakTotal = Math.Max(PeakTotal, _live.Count);
                foreach (var group in _live.Values.SelectMany(l => l).GroupBy(l => (l.Key, l.Value)))
                    _peaks[group.Key] = Math.Max(_peaks.GetValueOrDefault(group.Key), group.Count());
            }
        }
    }
}
