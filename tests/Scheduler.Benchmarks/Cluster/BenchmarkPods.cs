using k8s.Models;

namespace Scheduler.Benchmarks.Cluster;

/// <summary>The pods the benchmarks create: one container sleeping until it is deleted (SIGTERM ends it at once).</summary>
public static class BenchmarkPods
{
    public static V1Pod Sleeper(BenchmarkCluster cluster, string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = BenchmarkCluster.Namespace,
            Labels = new Dictionary<string, string> { [BenchmarkCluster.RunLabel] = cluster.RunId },
        },
        Spec = new V1PodSpec
        {
            RestartPolicy = "Never",
            TerminationGracePeriodSeconds = 5,
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = "busybox:1.36",
                    Command = ["sh", "-c", "sleep 600"],
                    Env = [new V1EnvVar { Name = BenchmarkCluster.RunVariable, Value = cluster.RunId }],
                },
            ],
        },
    };

    public static string Name(BenchmarkCluster cluster, string prefix, int index) => $"{prefix}-{cluster.RunId}-{index:D4}";
}
