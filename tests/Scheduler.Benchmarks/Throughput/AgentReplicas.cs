using Scheduler.Benchmarks.Agent;
using System.Collections;
using System.Security.Cryptography;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent;
using Scheduler.Agent.Hosting;
using Scheduler.Benchmarks.Cluster;

namespace Scheduler.Benchmarks.Throughput;

/// <summary>
/// In-process agent replicas on the benchmark's LocalKube, in one Akka.NET cluster (the first is the seed): one on its
/// own SQLite files, or several sharing a PostgreSQL database. Each has its own temp data directory, deleted on dispose.
/// One exec class whose pods carry the run's label; the class's limit equals one replica's, so the cluster-wide limit
/// never binds before the replicas' own.
/// </summary>
public sealed class AgentReplicas : IAsyncDisposable
{
    public const string ResourceClass = "bench/throughput";
    public const string Token = BenchmarkAgentConfig.Token;

    private readonly string _directory;
    private readonly List<AgentHost> _hosts = [];

    private AgentReplicas(string directory, string? postgres)
    {
        _directory = directory;
        PostgresConnectionString = postgres;
    }

    public IReadOnlyList<AgentHost> Hosts => _hosts;

    /// <summary>The shared database, or null on SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>The first replica's SQLite journal (meaningful on SQLite only).</summary>
    public string SqliteJournalFile => Path.Combine(_directory, "replica-0", "journal.db");

    public string SqliteSnapshotFile => Path.Combine(_directory, "replica-0", "snapshots.db");

    public static async Task<AgentReplicas> StartAsync(BenchmarkCluster cluster, int replicas, string? postgres, int maxConcurrentTasks)
    {
        var agents = new AgentReplicas(Directory.CreateTempSubdirectory("scheduler-bench-replicas-").FullName, postgres);
        try
        {
            var environment = new Hashtable();
            if (postgres is not null)
            {
                environment["SCHED_POSTGRES"] = postgres;
                environment["SCHED_SECRETS_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            }
            var config = Config(cluster.RunId, maxConcurrentTasks);
            var first = await agents.StartReplicaAsync(cluster, 0, config, environment);
            var seed = Akka.Cluster.Cluster.Get(first.Services.GetRequiredService<ActorSystem>()).SelfAddress;
            for (var i = 1; i < replicas; i++)
                await agents.StartReplicaAsync(cluster, i, $"{config}\nreplica.seedNodes = [\"{seed}\"]\n", environment);
            return agents;
        }
        catch
        {
            await agents.DisposeAsync();
            throw;
        }
    }

    private async Task<AgentHost> StartReplicaAsync(BenchmarkCluster cluster, int index, string config, Hashtable environment)
    {
        var configFile = Path.Combine(_directory, $"replica-{index}.conf");
        await File.WriteAllTextAsync(configFile, config);
        var host = await AgentHost.StartAsync(new AgentHostSettings
        {
            ConfigFile = configFile,
            DataDirectory = Path.Combine(_directory, $"replica-{index}"),
            ApiUrl = "http://127.0.0.1:0",
            ConsoleListen = "127.0.0.1:0",
            Kube = cluster.Server.ClientConfiguration(),
            Environment = environment,
        });
        _hosts.Add(host);
        await host.Services.GetRequiredService<ActorSystem>().WhenMemberUpAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>Stops the replicas, last first (the seed last); their data stays until dispose, to be counted.</summary>
    public async Task StopAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts).ToArray())
            await host.DisposeAsync();
        _hosts.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    // The client-side rate limit (kubernetes.qps 50, burst 100 by default) is raised so that it does not cap the
    // measure: the benchmark compares the agent's own work with the bare loop's, which has no such limit.
    private static string Config(string runId, int maxConcurrentTasks) =>
        BenchmarkAgentConfig.For(ResourceClass, runId, maxConcurrentTasks, "kubernetes { qps = 1000, burst = 2000 }");
}
