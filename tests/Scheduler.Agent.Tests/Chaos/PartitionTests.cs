using System.Diagnostics;
using Scheduler.Agent.Tests.Support;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>
/// A real network partition: replica-3 runs in a network namespace of its own (<see cref="NetworkPartition"/>), and
/// while it runs jobs its cluster traffic is cut in both directions, as a switch failing between it and the other two
/// would, while it still reaches PostgreSQL and LocalKube: the case where a split brain would run a job in two pods.
/// The evidence is not the agents': replica-3's process ends without any signal (keep-majority downed it), the kernel
/// counts the packets it dropped, the run counter shows each step ran once, LocalKube's pods show each job had one pod,
/// and every log equals what <c>seq</c> printed.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class PartitionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int JobsPerClass = 4;
    private readonly NetworkPartition _partition = new();
    private readonly PodsPerJob _pods = new();
    private ChaosCluster? _cluster;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            await _pods.DisposeAsync();
            if (_cluster is not null)
                await _cluster.DisposeAsync();
        }
        finally
        {
            await _partition.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_cut_off_replica_downs_itself_and_its_jobs_finish_on_the_majority_in_one_pod_each_step_once()
    {
        await _partition.CreateAsync();
        _cluster = new ChaosCluster(new Dictionary<string, string>
        {
            ["CLUSTER_ADDRESS"] = _partition.HostAddress,
            ["REPLICA3_NETNS"] = _partition.Namespace,
            ["REPLICA3_ADDRESS"] = _partition.IsolatedAddress,
            // Unreachability is acted on after 5 s of stability instead of 20 s.
            ["SCHED_akka__cluster__split-brain-resolver__stable-after"] = "5s",
            // 8 jobs and 3 slots a replica: the two others cannot take them all, so replica-3 runs at least two.
            ["SCHED_agent__maxConcurrentTasks"] = "3",
        });
        await _cluster.UpAsync();
        _pods.Start(_cluster.Kube);
        var api = _cluster.Api(1);
        var jobs = await _cluster.SubmitAsync(api, JobsPerClass, "local/small", "local/attach");
        await _cluster.AwaitFirstLinesAsync(api, jobs);
        var cutOff = await _cluster.JobsOnAsync(3);
        Assert.True(cutOff.Length >= 2, $"replica-3 runs {cutOff.Length} of the {jobs.Count} jobs");

        var minority = Process.GetProcessById(_cluster.Script.Pid("replica-3"));
        var cut = Stopwatch.StartNew();
        await _partition.CutAsync(_cluster.Script.RemotePort(1), _cluster.Script.RemotePort(2), _cluster.Script.RemotePort(3));
        await minority.WaitForExitAsync().WaitAsync(ChaosCluster.Timeout);
        var downed = cut.Elapsed;
        Assert.True(await _partition.DroppedAsync() > 0, "the cut dropped no packet");
        foreach (var n in new[] { 1, 2 })
        {
            using var ready = await _cluster.Api(n).GetAsync("/readyz");
            Assert.True(ready.IsSuccessStatusCode, $"replica-{n} of the majority is not ready: {(int)ready.StatusCode}");
        }

        await _cluster.Steps.ReleaseAsync();
        var takeover = await ChaosCluster.AwaitOutputFlowingAsync(api, cutOff, cut);
        output.WriteLine($"replica-3 ran {cutOff.Length} of {jobs.Count} jobs; cut off, it downed itself after {downed.TotalSeconds:F1} s; " +
                         $"their output flowing again on the majority: {takeover.TotalSeconds:F1} s");
        await _cluster.FinishAsync("replica cut off from the two others (network namespace, cluster ports dropped by tc), " +
                                   "still reaching PostgreSQL and LocalKube", api, jobs, takeover, output.WriteLine);
        var pods = _pods.Pods;
        foreach (var id in jobs)
            Assert.True(pods.TryGetValue(id, out var uids) && uids.Count == 1, $"job {id} had {(uids ?? new HashSet<string>()).Count} pods in LocalKube");
    }
}
