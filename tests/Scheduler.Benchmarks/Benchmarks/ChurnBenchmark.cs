using k8s;
using Scheduler.Benchmarks.Cluster;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Benchmarks.Resources;

namespace Scheduler.Benchmarks.Benchmarks;

/// <summary>
/// Pod churn: after warm-up batches, <paramref name="total"/> pods are created and deleted in batches of
/// <paramref name="batchSize"/> (each batch: create all, await Running on the watch, delete all, await DELETED).
/// The process's children, file descriptors, GC heap and RSS, and LocalKube's pod directories are compared
/// before and after against <see cref="LeakVerdict"/>.
/// </summary>
/// <remarks>
/// Two warm-up batches (about ten store changes per pod) fill LocalKube's bounded watch history (1000 changes), so the
/// baseline already holds it. LocalKube keeps every Event (about five per pod) with no TTL. Unless
/// <paramref name="keepEvents"/> is set, each batch's Events are counted and deleted after the batch, as a real
/// cluster's event TTL would, so that the heap check sees what pods leave behind; with it, they pile up and show
/// their cost.
/// </remarks>
public sealed class ChurnBenchmark(int total, int batchSize, int parallelism, bool keepEvents)
{
    private const int WarmUpBatches = 2;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(15);

    public async Task<bool> RunAsync(BenchmarkCluster cluster, CancellationToken ct)
    {
        var batches = (total + batchSize - 1) / batchSize;
        Console.WriteLine($"churn: {total} pods in {batches} batches of {batchSize} (+{WarmUpBatches} warm-up batches), {parallelism} requests in flight, " +
                          (keepEvents ? "Events kept" : "Events deleted after each batch"));
        await using var watch = await PodWatch.StartAsync(cluster.Client, cluster.LabelSelector, ct);
        var pods = new PodBatch(cluster, watch, parallelism, WaitLimit);

        for (var w = 0; w < WarmUpBatches; w++)
        {
            await ChurnAsync(pods, Names(cluster, "warm", w * batchSize, batchSize), ct);
            await CountEventsAsync(cluster, delete: !keepEvents, ct);
        }
        var baseline = await SettledSnapshotAsync(cluster, null, ct);
        Console.WriteLine($"baseline (after warm-up): {baseline.Describe()}");

        var started = Timing.Now();
        var events = 0;
        for (var b = 0; b < batches; b++)
        {
            var batchStarted = Timing.Now();
            await ChurnAsync(pods, Names(cluster, "churn", b * batchSize, Math.Min(batchSize, total - b * batchSize)), ct);
            var batchMs = Timing.MillisecondsSince(batchStarted);
            var batchEvents = await CountEventsAsync(cluster, delete: !keepEvents, ct);
            events = keepEvents ? batchEvents : events + batchEvents;
            Console.WriteLine($"batch {b + 1,2}/{batches} {batchMs,6:F0} ms  {ResourceSnapshot.Take(cluster).Describe()}, events {batchEvents}");
        }
        var churnSeconds = Timing.MillisecondsSince(started) / 1000;

        var settling = Timing.Now();
        var after = await SettledSnapshotAsync(cluster, baseline, ct);
        Console.WriteLine($"after ({Timing.MillisecondsSince(settling):F0} ms to settle): {after.Describe()}");
        Console.WriteLine($"{total} pods churned in {churnSeconds:F1} s ({total / churnSeconds:F1} pods/s); watch streams opened: {watch.Streams}; " +
                          $"Events recorded: {events} ({(double)events / total:F1} per pod){(keepEvents ? ", all still stored" : ", deleted batch by batch")}");

        var checks = LeakVerdict.Evaluate(baseline, after);
        Console.WriteLine();
        Console.WriteLine($"{"check",-28} {"before",9} {"after",9} {"limit",9}  verdict");
        foreach (var check in checks)
            Console.WriteLine($"{check.Name,-28} {check.Before,9:0.#} {check.After,9:0.#} {check.Limit,9:0.#}  {(check.Passed ? "ok" : "FAIL")} {check.Unit}");
        var passed = checks.All(c => c.Passed);
        Console.WriteLine($"churn verdict: {(passed ? "PASS" : "FAIL")}");
        return passed;
    }

    private static async Task ChurnAsync(PodBatch pods, IReadOnlyList<string> names, CancellationToken ct)
    {
        await pods.CreateAndAwaitRunningAsync(names, ct);
        await pods.DeleteAndAwaitGoneAsync(names, ct);
    }

    /// <summary>Counts the Events in the namespace and, if asked, deletes them.</summary>
    private static async Task<int> CountEventsAsync(BenchmarkCluster cluster, bool delete, CancellationToken ct)
    {
        var count = (await cluster.Client.CoreV1.ListNamespacedEventAsync(BenchmarkCluster.Namespace, cancellationToken: ct)).Items.Count;
        if (delete)
            await cluster.Client.CoreV1.DeleteCollectionNamespacedEventAsync(BenchmarkCluster.Namespace, cancellationToken: ct);
        return count;
    }

    /// <summary>
    /// DELETED on the watch can come a moment before the kubelet has reaped the process and removed the directory;
    /// polls (up to <see cref="SettleLimit"/>) until no pod process or directory is left and the child count is back
    /// to the baseline's, then returns the snapshot — which the verdict judges even if it never settled.
    /// </summary>
    private static async Task<ResourceSnapshot> SettledSnapshotAsync(BenchmarkCluster cluster, ResourceSnapshot? baseline, CancellationToken ct)
    {
        var started = Timing.Now();
        while (true)
        {
            var snapshot = ResourceSnapshot.Take(cluster);
            var settled = snapshot.PodProcesses == 0 && snapshot.PodDirectories == 0 && snapshot.Descendants <= (baseline?.Descendants ?? 0);
            if (settled || Timing.MillisecondsSince(started) > SettleLimit.TotalMilliseconds)
                return snapshot;
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    private static List<string> Names(BenchmarkCluster cluster, string prefix, int first, int count) =>
        Enumerable.Range(first, count).Select(i => BenchmarkPods.Name(cluster, prefix, i)).ToList();
}
