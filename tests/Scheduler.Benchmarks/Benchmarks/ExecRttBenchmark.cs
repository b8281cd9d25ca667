using Scheduler.Benchmarks.Baselines;
using Scheduler.Benchmarks.Cluster;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Benchmarks;

/// <summary>
/// Exec round trip: KubernetesClient's <c>NamespacedPodExecAsync</c> (WebSocket, exit code from the status channel)
/// against one running pod, from the call until it returns the exit code with stdout/stderr drained. Each iteration
/// runs <c>sh -c "exit 0"</c> and <c>true</c> through exec and directly as local processes (stdio redirected),
/// interleaved so both see the same machine load.
/// </summary>
public sealed class ExecRttBenchmark(int count)
{
    private const int WarmUp = 10;
    private static readonly string[] ShellExit = ["sh", "-c", "exit 0"];
    private static readonly string[] True = ["true"];

    public async Task<bool> RunAsync(BenchmarkCluster cluster, CancellationToken ct)
    {
        Console.WriteLine($"exec-rtt: {count} iterations (+{WarmUp} warm-up) of each command");
        await using var watch = await PodWatch.StartAsync(cluster.Client, cluster.LabelSelector, ct);
        var pod = BenchmarkPods.Name(cluster, "exec", 0);
        var batch = new PodBatch(cluster, watch, parallelism: 1, TimeSpan.FromSeconds(60));
        await batch.CreateAndAwaitRunningAsync([pod], ct);

        var execShell = new List<double>();
        var execTrue = new List<double>();
        var directShell = new List<double>();
        var directTrue = new List<double>();
        for (var i = -WarmUp; i < count; i++)
        {
            var a = await Timing.MeasureAsync(() => PodExec.RunAsync(cluster, pod, ShellExit, ct));
            var b = await Timing.MeasureAsync(() => PodExec.RunAsync(cluster, pod, True, ct));
            var c = await DirectProcess.RunToExitAsync(ShellExit[0], ShellExit[1..]);
            var d = await DirectProcess.RunToExitAsync(True[0]);
            if (i < 0)
                continue;
            execShell.Add(a);
            execTrue.Add(b);
            directShell.Add(c);
            directTrue.Add(d);
        }

        LatencyTable.Print($"exec round trip ({count} each, one pod, sequential)",
        [
            ("exec sh -c \"exit 0\"", LatencyStats.Of(execShell)),
            ("exec true", LatencyStats.Of(execTrue)),
            ("direct sh -c \"exit 0\"", LatencyStats.Of(directShell)),
            ("direct true", LatencyStats.Of(directTrue)),
        ], "direct sh -c \"exit 0\"", "direct true");

        await batch.DeleteAndAwaitGoneAsync([pod], ct);
        Console.WriteLine($"Pod deleted; pod directories left: {cluster.PodDirectoryCount()}");
        return true;
    }
}
