using k8s;
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
            return new BenchmarkCluster(await LocalKubeServer.StartAsync(new LocalKubeOptions { DataDirectory = dataDirectory }), dataDirectory);
        }
        catch
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
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
