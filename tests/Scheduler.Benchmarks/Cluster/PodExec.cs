using k8s;

namespace Scheduler.Benchmarks.Cluster;

/// <summary>One exec into a benchmark pod through KubernetesClient's WebSocket exec, stdout/stderr drained, exit code 0 required.</summary>
public static class PodExec
{
    public static async Task RunAsync(BenchmarkCluster cluster, string pod, string[] command, CancellationToken ct)
    {
        var exitCode = await cluster.Client.NamespacedPodExecAsync(pod, BenchmarkCluster.Namespace, "main", command, tty: false,
            (_, stdout, stderr) => Task.WhenAll(stdout.CopyToAsync(Stream.Null, ct), stderr.CopyToAsync(Stream.Null, ct)), ct);
        if (exitCode != 0)
            throw new InvalidOperationException($"exec {string.Join(' ', command)} returned {exitCode}");
    }
}
