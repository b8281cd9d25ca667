using System.Collections;
using Akka.Actor;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Hosting;
using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.GarbageCollection;

/// <summary>
/// Two agent replicas in one Akka.NET cluster (the first is the seed) on one LocalKube, each with its own temp data
/// directory: enough for cluster singletons. To share jobs, views and logs, give them a PostgreSQL database
/// (<c>SCHED_POSTGRES</c> in the environment).
/// </summary>
public sealed class TwoReplicaCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly List<AgentHost> _running = [];

    private TwoReplicaCluster(string directory, LocalKubeServer kube)
    {
        _directory = directory;
        Kube = kube;
        Client = kube.CreateClient();
    }

    public LocalKubeServer Kube { get; }
    public IKubernetes Client { get; }
    public AgentHost First { get; private set; } = null!;
    public AgentHost Second { get; private set; } = null!;

    public static async Task<TwoReplicaCluster> StartAsync(string hocon, TimeSpan gcGrace, Hashtable? environment = null)
    {
        var directory = Directory.CreateTempSubdirectory("gc-cluster-").FullName;
        var cluster = new TwoReplicaCluster(directory, await LocalKubeServer.StartAsync(new LocalKubeOptions { DataDirectory = Path.Combine(directory, "kube") }));
        try
        {
            // The first forms the cluster on a port the OS picks; the second joins it at the address it really bound.
            cluster.First = await cluster.StartReplicaAsync("first", hocon, gcGrace, environment);
            cluster.Second = await cluster.StartReplicaAsync(
                "second", $"{hocon}\nreplica.seedNodes = [\"{AddressOf(cluster.First)}\"]\n", gcGrace, environment);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public static string AddressOf(AgentHost replica) =>
        Akka.Cluster.Cluster.Get(replica.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();

    /// <summary>Shuts the replica down as <c>sched agent</c> does on SIGTERM: it leaves the cluster.</summary>
    public async Task StopAsync(AgentHost replica)
    {
        _running.Remove(replica);
        await replica.DisposeAsync();
    }

    private async Task<AgentHost> StartReplicaAsync(string name, string hocon, TimeSpan gcGrace, Hashtable? environment)
    {
        var configFile = Path.Combine(_directory, name + ".conf");
        await File.WriteAllTextAsync(configFile, hocon);
        var replica = await AgentHost.StartAsync(new AgentHostSettings
        {
            ConfigFile = configFile,
            DataDirectory = Path.Combine(_directory, name),
            ApiUrl = "http://127.0.0.1:0",
            ConsoleListen = "127.0.0.1:0",
            Kube = Kube.ClientConfiguration(),
            Environment = environment ?? new Hashtable(),
            GarbageCollectionGrace = gcGrace,
        });
        _running.Add(replica);
        await replica.Services.GetRequiredService<ActorSystem>().WhenMemberUpAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Enumerable.Reverse(_running).ToArray())
            await replica.DisposeAsync();
        Client.Dispose();
        await Kube.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
