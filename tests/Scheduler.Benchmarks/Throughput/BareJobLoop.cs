using System.Text;
using k8s;
using k8s.Models;
using Scheduler.Benchmarks.Cluster;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Throughput;

/// <summary>
/// The limit: per job, the Kubernetes API work the agent does for a one-step task with a secret, through a bare
/// KubernetesClient and no agent: create the secret, create a pod that reads it, see the pod Running on the one watch,
/// exec <c>true</c>, delete pod and secret and await both (the pod's DELETED on the watch). Closed-loop workers.
/// </summary>
public sealed class BareJobLoop(BenchmarkCluster cluster, PodWatch watch, TimeSpan waitLimit)
{
    public const string SecretKey = "BENCH_TOKEN";
    private static readonly string[] True = ["true"];

    public async Task<LoopRate> RunAsync(string prefix, int jobs, int concurrency, CancellationToken ct)
    {
        var next = -1;
        var start = Timing.Now();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < jobs)
                await RunJobAsync(BenchmarkPods.Name(cluster, prefix, index), ct);
        }, ct)));
        return new LoopRate($"bare KubernetesClient loop, concurrency {concurrency}", concurrency, jobs, Timing.MillisecondsSince(start) / 1000);
    }

    private async Task RunJobAsync(string name, CancellationToken ct)
    {
        var core = cluster.Client.CoreV1;
        await core.CreateNamespacedSecretAsync(Secret(name), BenchmarkCluster.Namespace, cancellationToken: ct);
        var running = watch.RunningAsync(name, waitLimit);
        await core.CreateNamespacedPodAsync(PodReading(name), BenchmarkCluster.Namespace, cancellationToken: ct);
        await running;
        await PodExec.RunAsync(cluster, name, True, ct);
        var deleted = watch.DeletedAsync(name, waitLimit);
        await Task.WhenAll(
            core.DeleteNamespacedPodAsync(name, BenchmarkCluster.Namespace, cancellationToken: ct),
            core.DeleteNamespacedSecretAsync(name, BenchmarkCluster.Namespace, cancellationToken: ct));
        await deleted;
        watch.Forget([name]);
    }

    private V1Secret Secret(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "Opaque",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [BenchmarkCluster.RunLabel] = cluster.RunId } },
        Data = new Dictionary<string, byte[]> { [SecretKey] = Encoding.UTF8.GetBytes("bench-secret") },
    };

    private V1Pod PodReading(string secretName)
    {
        var pod = BenchmarkPods.Sleeper(cluster, secretName);
        pod.Spec.Containers[0].Env.Add(new V1EnvVar
        {
            Name = SecretKey,
            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secretName, Key = SecretKey } },
        });
        return pod;
    }
}
