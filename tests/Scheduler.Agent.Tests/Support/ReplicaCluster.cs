using System.Collections;
using Akka.Actor;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Hosting;
using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Agent.Tests.Support;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// Agent replicas (two unless asked for more) in one Akka.NET cluster (the first is the seed) on one LocalKube, each
/// with its own temp data directory: enough for cluster singletons. To share jobs, views and logs, give them a
/// PostgreSQL database (<c>SCHED_POSTGRES</c> in the environment).
/// </summary>
public sealed class ReplicaCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly List<AgentHost> _running = [];

    private ReplicaCluster(string directory, LocalKubeServer kube)
    {
        _directory = directory;
        Kube = kube;
        Client = kube.CreateClient();
    }

    public LocalKubeServer Kube { get; }
    public IKubernetes Client { get; }
    public IReadOnlyList<AgentHost> Replicas { get; private set; } = [];
    public ReplicaLogs Logs { get; } = new();
    public AgentHost First => Replicas[0];
    public AgentHost Second => Replicas[1];

    public static async Task<ReplicaCluster> StartAsync(string hocon, TimeSpan gcGrace, Hashtable? environment = null, int replicas = 2)
    {
        var directory = Directory.CreateTempSubdirectory("replica-cluster-").FullName;
        var cluster = new ReplicaCluster(directory, await LocalKubeServer.StartAsync(new LocalKubeOptions { DataDirectory = Path.Combine(directory, "kube") }));
        try
        {
            await cluster.StartReplicasAsync(replicas, hocon, gcGrace, environment);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every replica, then starts as many again on the same data directories and database (on new ports).</summary>
    public async Task RestartAllAsync(string hocon, TimeSpan gcGrace, Hashtable? environment = null)
    {
        var count = Replicas.Count;
        foreach (var replica in Enumerable.Reverse(Replicas).ToArray())
            await StopAsync(replica);
        await StartReplicasAsync(count, hocon, gcGrace, environment);
    }

    /// <summary>
    /// One step of a rolling restart: stops <paramref name="replica"/> as SIGTERM does, then starts its successor on the
    /// same data directory (on a new port), joining a surviving replica, and waits until it is Up.
    /// </summary>
    public async Task<AgentHost> ReplaceAsync(AgentHost replica, string hocon, TimeSpan gcGrace, Hashtable? environment = null)
    {
        var index = Replicas.ToList().IndexOf(replica);
        var seed = Replicas.First(r => r != replica);
        await StopAsync(replica);
        var successor = await StartReplicaAsync(
            $"replica-{index}", $"{hocon}\nreplica.seedNodes = [\"{AddressOf(seed)}\"]\n", gcGrace, environment);
        Replicas = Replicas.Select(r => r == replica ? successor : r).ToArray();
        return successor;
    }

    private async Task StartReplicasAsync(int count, string hocon, TimeSpan gcGrace, Hashtable? environment)
    {
        // The first forms the cluster on a port the OS picks; the others join it at the address it really bound.
        var first = await StartReplicaAsync("replica-0", hocon, gcGrace, environment);
        var started = new List<AgentHost> { first };
        for (var i = 1; i < count; i++)
            started.Add(await StartReplicaAsync(
                $"replica-{i}", $"{hocon}\nreplica.seedNodes = [\"{AddressOf(first)}\"]\n", gcGrace, environment));
        Replicas = started;
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
            Environment = TestTokens.WithOperator(environment),
            GarbageCollectionGrace = gcGrace,
        });
        _running.Add(replica);
        Logs.Follow(replica.Services.GetRequiredService<ActorSystem>());
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
