using System.Collections.Concurrent;
using k8s;
using Scheduler.Agent.Jobs;
using Scheduler.Benchmarks.Agent;
using Scheduler.Benchmarks.Cluster;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Benchmarks;

/// <summary>
/// The agent's own latencies: one replica (SQLite) runs N one-step tasks in exec mode, submitted in-process by
/// <paramref name="parallelism"/> closed-loop workers, each submitting a task and following its log to the end.
/// The stages come from the timestamps in each finished job's view. The step prints the wall-clock time as its last act
/// (pod processes run on this host, on the same clock), which gives two more: until the follower received that output,
/// and until the agent recorded the step's end. Each iteration also times, interleaved so they
/// see the same machine load, a bare sleeper pod's create → Running through the benchmark's one watch (then deleted)
/// and one exec of <c>true</c> into a long-running pod: the floors under "pod created → Running" and
/// "Running → step 1 started".
/// </summary>
public sealed class AgentLatencyBenchmark(int count, int parallelism)
{
    private const int WarmUp = 5;
    private const string Script = "date +%s%N";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private static readonly string[] True = ["true"];

    public async Task<bool> RunAsync(BenchmarkCluster cluster, CancellationToken ct)
    {
        Console.WriteLine($"agent-latency: {count} tasks (+{WarmUp} warm-up) of one step \"{Script}\", {parallelism} closed-loop worker(s)");
        await using var watch = await PodWatch.StartAsync(cluster.Client, cluster.LabelSelector, ct);
        var starting = Timing.Now();
        await using var agent = await BenchmarkAgent.StartAsync(cluster, maxConcurrentTasks: Math.Max(20, 2 * parallelism));
        Console.WriteLine($"Agent started in {Timing.MillisecondsSince(starting):F0} ms, API at {agent.Host.ApiBaseUri}");

        var execTarget = BenchmarkPods.Name(cluster, "exec", 0);
        var pods = new PodBatch(cluster, watch, parallelism: 1, WaitLimit);
        await pods.CreateAndAwaitRunningAsync([execTarget], ct);

        var jobs = new ConcurrentBag<JobView>();
        var stepClocks = new ConcurrentBag<StepClock>();
        var barePod = new ConcurrentBag<double>();
        var execTrue = new ConcurrentBag<double>();
        for (var i = 0; i < WarmUp; i++)
            await MeasureOnceAsync(cluster, watch, agent, execTarget, BenchmarkPods.Name(cluster, "warm", i), new(), new(), new(), new(), ct);

        var next = -1;
        var wall = Timing.Now();
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
                await MeasureOnceAsync(cluster, watch, agent, execTarget, BenchmarkPods.Name(cluster, "bare", index), jobs, stepClocks, barePod, execTrue, ct);
        }, ct)));
        var wallMs = Timing.MillisecondsSince(wall);

        var failed = jobs.Where(j => j.State != JobStates.Succeeded).ToList();
        foreach (var job in failed)
            Console.WriteLine($"job {job.Id} ended {job.State}: {job.FailureReason}");
        var finished = jobs.Except(failed).ToList();
        LatencyTable.Print($"agent task stages ({finished.Count} succeeded of {count}, {parallelism} worker(s), {wallMs / 1000:F1} s wall incl. baselines)",
        [
            .. JobStages.All.Select(stage => (stage.Name, LatencyStats.Of(finished.Select(stage.Of).ToList()))),
            ("step output → follower has it", LatencyStats.Of(stepClocks.Select(c => c.FirstOutput).ToList())),
            ("step end → agent records it", LatencyStats.Of(stepClocks.Select(c => c.EndDetection).ToList())),
            ("bare pod create→Running", LatencyStats.Of(barePod)),
            ("exec true round trip", LatencyStats.Of(execTrue)),
        ], "bare pod create→Running", "exec true round trip");

        // The agent deletes each job's pod as the job's last act; the watch shows whether every one went.
        var agentPods = jobs.Select(j => j.PodName).OfType<string>().ToList();
        await Task.WhenAll(agentPods.Select(p => watch.DeletedAsync(p, WaitLimit)));
        await pods.DeleteAndAwaitGoneAsync([execTarget], ct);
        var remaining = (await cluster.Client.CoreV1.ListNamespacedPodAsync(BenchmarkCluster.Namespace, labelSelector: cluster.LabelSelector, cancellationToken: ct)).Items.Count;
        Console.WriteLine($"All {agentPods.Count} task pods seen DELETED on the watch; pods of this run left: {remaining}; watch streams opened: {watch.Streams}");
        return failed.Count == 0 && remaining == 0;
    }

    private static async Task MeasureOnceAsync(
        BenchmarkCluster cluster, PodWatch watch, BenchmarkAgent agent, string execTarget, string barePodName,
        ConcurrentBag<JobView> jobs, ConcurrentBag<StepClock> stepClocks, ConcurrentBag<double> barePod, ConcurrentBag<double> execTrue, CancellationToken ct)
    {
        barePod.Add(await BarePodStartup.CreateToRunningAsync(cluster, watch, barePodName, WaitLimit, ct));
        await new PodBatch(cluster, watch, parallelism: 1, WaitLimit).DeleteAndAwaitGoneAsync([barePodName], ct);
        execTrue.Add(await Timing.MeasureAsync(() => PodExec.RunAsync(cluster, execTarget, True, ct)));

        var submitted = await agent.SubmitAsync(Script, ct);
        var (view, firstChunkAt, firstChunk) = await agent.AwaitEndAsync(submitted.Id, WaitLimit, ct);
        jobs.Add(view);
        if (view.State == JobStates.Succeeded)
            stepClocks.Add(StepClock.Of(view, firstChunkAt, firstChunk));
    }
}
