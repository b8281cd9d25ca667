using k8s;
using k8s.Models;
using Scheduler.LocalKube;

namespace Scheduler.Benchmarks.Cluster;

/// <summary>
/// An in-process LocalKube with a data directory this benchmark owns (so it can check that the pod directories go away),
/// a KubernetesClient, and a run id that labels every pod and is put in every pod process's environment.
/// </summary>
public sealed class BenchmarkCluster : IAsyncDisposable
{
    public const string Namespace = "default";
    public const string RunLabel = "bench.scheduler/run";
    public const string RunVariable = "SCHEDULER_BENCH_RUN";

    private BenchmarkCluster(LocalKubeServer server, string dataDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
        Client = server.CreateClient();
        RunId = Guid.NewGuid().ToString("N")[..10];
    }

    public LocalKubeServer Server { get; }

    public IKubernetes Client { get; }

    public string DataDirectory { get; }

    public string PodsDirectory => Path.Combine(DataDirectory, "pods");

    public string RunId { get; }

    public string LabelSelector => $"{RunLabel}={RunId}";

    public static async Task<BenchmarkCluster> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("scheduler-bench-").FullName;
        try
        {
            var options = new LocalKubeOptions { DataDirectory = dataDirectory };
            options.Nodes.Add(BenchmarkNode());
            return new BenchmarkCluster(await LocalKubeServer.StartAsync(options), dataDirectory);
        }
        catch
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// One node that takes every pod a benchmark runs at once: LocalKube's default node, like a real kubelet,
    /// allows 110 pods, and pod-startup keeps up to 1,010 running.
    /// </summary>
    private static V1Node BenchmarkNode()
    {
        var capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("64"), ["memory"] = new("256Gi"), ["pods"] = new("2000") };
        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "bench-node" },
            Status = new V1NodeStatus { Capacity = capacity, Allocatable = new Dictionary<string, ResourceQuantity>(capacity) },
        };
    }

    /// <summary>Entries left under the pods directory (one per pod that still has a directory).</summary>
    public int PodDirectoryCount() =>
        Directory.Exists(PodsDirectory) ? Directory.EnumerateFileSystemEntries(PodsDirectory).Count() : 0;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
