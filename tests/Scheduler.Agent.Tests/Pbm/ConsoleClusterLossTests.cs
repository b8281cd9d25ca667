using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Scheduler.Agent.Tests.Support;
using Scheduler.LocalKube;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>
/// <c>sched pbm 127.0.0.1:PORT cluster show</c> (the real CLI) against three real <c>sched agent</c> processes sharing
/// PostgreSQL: all three are Up; after a SIGKILL of one, the survivors' split-brain resolver downs it and both survivors
/// show two members.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConsoleClusterLossTests(PostgresFixture postgres, ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan DowningTimeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pbm-three-");
    private readonly List<AgentProcess> _replicas = [];
    private LocalKubeServer? _kube;

    public async Task InitializeAsync() =>
        _kube = await LocalKubeServer.StartAsync(new LocalKubeOptions { DataDirectory = Path.Combine(_directory.FullName, "kube") });

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
            await replica.DisposeAsync();
        if (_kube is not null)
            await _kube.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Cluster_show_counts_three_members_then_two_after_one_is_killed_and_downed()
    {
        var kubeconfig = Path.Combine(_directory.FullName, "kubeconfig");
        _kube!.WriteKubeconfig(kubeconfig);
        var ports = FreePorts(3);
        var database = await postgres.CreateDatabaseAsync("pbm_three");
        var secretsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The first starts alone (it creates the tables) and forms the cluster as the only seed; the others join it.
        _replicas.Add(await StartReplicaAsync(0));
        _replicas.AddRange(await Task.WhenAll(StartReplicaAsync(1), StartReplicaAsync(2)));

        var started = clock.Elapsed;
        var all = await PbmProcess.RunAsync("pbm", _replicas[0].ConsoleEndpoint, "cluster", "show");
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Equal(3, all.OutputLines.Count(l => l.Contains(" | Up | reachable", StringComparison.Ordinal)));
        Assert.Equal("Count: 3 nodes", all.OutputLines[^1]);

        await _replicas[2].KillAsync();
        var killed = clock.Elapsed;

        foreach (var survivor in _replicas.Take(2))
        {
            var shown = await Eventually.UntilAsync(
                () => PbmProcess.RunAsync("pbm", survivor.ConsoleEndpoint, "cluster", "show"),
                s => s.ExitCode == 0 && s.OutputLines is [.., "Count: 2 nodes"],
                $"replica {survivor.ConsoleEndpoint} to show the killed replica downed",
                DowningTimeout);
            Assert.Equal(2, shown.OutputLines.Count(l => l.Contains(" | Up | reachable", StringComparison.Ordinal)));
            Assert.DoesNotContain(shown.OutputLines, l => l.Contains($":{ports[2]} ", StringComparison.Ordinal));
        }
        log.WriteLine($"three replicas ready after {started.TotalSeconds:F1} s; the killed one gone from both survivors' cluster show {(clock.Elapsed - killed).TotalSeconds:F1} s after SIGKILL");

        Task<AgentProcess> StartReplicaAsync(int i)
        {
            var config = Path.Combine(_directory.FullName, $"replica-{i}.conf");
            File.WriteAllText(config, $"""
                replica.port = {ports[i]}
                replica.seedNodes = ["akka.tcp://scheduler@127.0.0.1:{ports[0]}"]
                storage.postgresConnectionString = {JsonSerializer.Serialize(database)}
                storage.secretsKey = "{secretsKey}"
                # A crashed member is downed after 5 s of stable unreachability instead of 20 s.
                akka.cluster.split-brain-resolver.stable-after = 5s
                """);
            return AgentProcess.StartAsync(config, Path.Combine(_directory.FullName, $"replica-{i}"), kubeconfig);
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
