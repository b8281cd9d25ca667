using k8s;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Cluster;

/// <summary>
/// Pod create → Running for one bare sleeper pod: from just before the create request is sent until the one
/// pod watch delivers the pod with phase Running. The pod is left running.
/// </summary>
public static class BarePodStartup
{
    public static async Task<double> CreateToRunningAsync(BenchmarkCluster cluster, PodWatch watch, string name, TimeSpan waitLimit, CancellationToken ct)
    {
        var running = watch.RunningAsync(name, waitLimit);
        var sent = Timing.Now();
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(BenchmarkPods.Sleeper(cluster, name), BenchmarkCluster.Namespace, cancellationToken: ct);
        try
        {
            return Timing.MillisecondsBetween(sent, await running);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"pod {name} was not seen Running on the watch within {waitLimit.TotalSeconds:0} s; " +
                                       $"the server has it as: {await PodDescription.ReadAsync(cluster, name)}");
        }
    }
}
