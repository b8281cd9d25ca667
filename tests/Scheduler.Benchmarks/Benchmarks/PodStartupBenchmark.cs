using k8s;
using System.Collections.Concurrent;
using Scheduler.Benchmarks.Baselines;
using Scheduler.Benchmarks.Cluster;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Benchmarks;

/// <summary>
/// Pod create → Running: the time from just before the create request is sent until the one pod watch delivers the pod
/// with phase Running. <paramref name="parallelism"/> closed-loop workers each create a pod, wait for it, and repeat;
/// each iteration also times the two baselines, interleaved so they see the same machine load:
/// a GET of namespace default (the API round trip every create pays) and a direct Process.Start of the same
/// <c>sh -c "sleep 600"</c> (the process start every kubelet pays). Pods stay running until all are measured,
/// then all are deleted and awaited through the watch.
/// </summary>
public sealed class PodStartupBenchmark(int count, int parallelism)
{
    private const int WarmUp = 10;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    public async Task<bool> RunAsync(BenchmarkCluster cluster, CancellationToken ct)
    {
        Console.WriteLine($"pod-startup: {count} pods (+{WarmUp} warm-up), {parallelism} closed-loop worker(s)");
        await using var watch = await PodWatch.StartAsync(cluster.Client, cluster.LabelSelector, ct);
        var createToRunning = new ConcurrentBag<double>();
        var getNamespace = new ConcurrentBag<double>();
        var processStart = new ConcurrentBag<double>();

        for (var i = 0; i < WarmUp; i++)
            await MeasureOnceAsync(cluster, watch, BenchmarkPods.Name(cluster, "warm", i), new(), new(), new(), ct);

        var next = -1;
        var wall = Timing.Now();
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
                await MeasureOnceAsync(cluster, watch, BenchmarkPods.Name(cluster, "start", index), createToRunning, getNamespace, processStart, ct);
        }, ct)));
        var wallMs = Timing.MillisecondsSince(wall);

        LatencyTable.Print($"pod create → Running ({count} pods, {parallelism} worker(s), {wallMs / 1000:F1} s wall, {count / (wallMs / 1000):F1} pods/s)",
        [
            ("pod create→Running (watch)", LatencyStats.Of(createToRunning)),
            ("GET namespace", LatencyStats.Of(getNamespace)),
            ("Process.Start sh (direct)", LatencyStats.Of(processStart)),
        ], "GET namespace", "Process.Start sh (direct)");

        var names = Enumerable.Range(0, WarmUp).Select(i => BenchmarkPods.Name(cluster, "warm", i))
            .Concat(Enumerable.Range(0, count).Select(i => BenchmarkPods.Name(cluster, "start", i))).ToList();
        var deleting = Timing.Now();
        await new PodBatch(cluster, watch, parallelism: 10, WaitLimit).DeleteAndAwaitGoneAsync(names, ct);
        var remaining = (await cluster.Client.CoreV1.ListNamespacedPodAsync(BenchmarkCluster.Namespace, labelSelector: cluster.LabelSelector, cancellationToken: ct)).Items.Count;
        Console.WriteLine($"Deleted {names.Count} pods in {Timing.MillisecondsSince(deleting) / 1000:F1} s (DELETED seen on the watch for each); " +
                          $"pods left: {remaining}, pod directories left: {cluster.PodDirectoryCount()}; watch streams opened: {watch.Streams}");
        return remaining == 0;
    }

    private static async Task MeasureOnceAsync(
        BenchmarkCluster cluster, PodWatch watch, string name,
        ConcurrentBag<double> createToRunning, ConcurrentBag<double> getNamespace, ConcurrentBag<double> processStart, CancellationToken ct)
    {
        getNamespace.Add(await Timing.MeasureAsync(() => cluster.Client.CoreV1.ReadNamespaceAsync(BenchmarkCluster.Namespace, cancellationToken: ct)));
        processStart.Add(await DirectProcess.StartSleeperAsync());

        createToRunning.Add(await BarePodStartup.CreateToRunningAsync(cluster, watch, name, WaitLimit, ct));
    }
}
