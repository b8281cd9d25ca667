using k8s;

namespace Scheduler.Benchmarks.Cluster;

/// <summary>Creates or deletes a set of benchmark pods with a bounded number of requests in flight, and awaits the watch for each.</summary>
public sealed class PodBatch(BenchmarkCluster cluster, PodWatch watch, int parallelism, TimeSpan timeout)
{
    public async Task CreateAndAwaitRunningAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        await ForEachAsync(names, (name, token) => new ValueTask(
            cluster.Client.CoreV1.CreateNamespacedPodAsync(BenchmarkPods.Sleeper(cluster, name), BenchmarkCluster.Namespace, cancellationToken: token)), ct);
        await Task.WhenAll(names.Select(n => watch.RunningAsync(n, timeout)));
    }

    public async Task DeleteAndAwaitGoneAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        await ForEachAsync(names, (name, token) => new ValueTask(
            cluster.Client.CoreV1.DeleteNamespacedPodAsync(name, BenchmarkCluster.Namespace, cancellationToken: token)), ct);
        await Task.WhenAll(names.Select(n => watch.DeletedAsync(n, timeout)));
        watch.Forget(names);
    }

    private Task ForEachAsync(IReadOnlyList<string> names, Func<string, CancellationToken, ValueTask> action, CancellationToken ct) =>
        Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, action);
}
