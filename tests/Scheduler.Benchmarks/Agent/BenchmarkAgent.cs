using System.Collections;
using Scheduler.Agent;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Benchmarks.Cluster;
using Scheduler.Domain.Tasks;

namespace Scheduler.Benchmarks.Agent;

/// <summary>
/// One agent replica (Akka one-node cluster, SQLite in a temp data directory, HTTP API on a free loopback port)
/// against the benchmark's LocalKube, with one exec resource class whose pods carry the run's label, so the
/// benchmark's pod watch and leftover checks see them. The data directory is deleted on dispose.
/// </summary>
public sealed class BenchmarkAgent : IAsyncDisposable
{
    public const string ResourceClass = "bench/latency";

    private readonly string _directory;
    private readonly string _runId;

    private BenchmarkAgent(string directory, string runId, AgentHost host)
    {
        _directory = directory;
        _runId = runId;
        Host = host;
    }

    public AgentHost Host { get; }

    public static async Task<BenchmarkAgent> StartAsync(BenchmarkCluster cluster, int maxConcurrentTasks)
    {
        var directory = Directory.CreateTempSubdirectory("scheduler-bench-agent-").FullName;
        try
        {
            var configFile = Path.Combine(directory, "agent.conf");
            await File.WriteAllTextAsync(configFile, Config(cluster.RunId, maxConcurrentTasks));
            var host = await AgentHost.StartAsync(new AgentHostSettings
            {
                ConfigFile = configFile,
                DataDirectory = Path.Combine(directory, "data"),
                ApiUrl = "http://127.0.0.1:0",
                ConsoleListen = "127.0.0.1:0",
                Kube = cluster.Server.ClientConfiguration(),
                Environment = new Hashtable(),
            });
            return new BenchmarkAgent(directory, cluster.RunId, host);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Submits a one-step task whose pod process carries the run marker in its environment.</summary>
    public Task<JobView> SubmitAsync(string script, CancellationToken ct)
    {
        var parsed = TaskSpecParser.Parse($"""
            resource_class: {ResourceClass}
            environment:
              {BenchmarkCluster.RunVariable}: "{_runId}"
            steps:
              - name: only
                run: {script}
            """);
        if (!parsed.IsValid)
            throw new InvalidOperationException($"the benchmark's task spec is invalid: {string.Join("; ", parsed.Errors)}");
        return Host.Jobs.SubmitAsync(parsed.Spec, ct);
    }

    /// <summary>
    /// Follows the job's log to its end (the job's last act) and returns the final view, with the wall-clock time at
    /// which the follower received the first chunk and that chunk's text.
    /// </summary>
    public async Task<(JobView View, DateTimeOffset FirstChunkAt, string FirstChunk)> AwaitEndAsync(string jobId, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        (DateTimeOffset At, string Text)? first = null;
        await foreach (var e in Host.LogFollower.ReadAsync(jobId, 0, follow: true, limit.Token))
            if (e is { Type: LogEvent.Types.Output, Data: { } data })
                first ??= (DateTimeOffset.UtcNow, System.Text.Encoding.UTF8.GetString(data));
        var view = await Host.Jobs.GetAsync(jobId, limit.Token) ?? throw new InvalidOperationException($"job {jobId} has no view");
        return first is { } seen ? (view, seen.At, seen.Text) : throw new InvalidOperationException($"job {jobId} wrote no output");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Config(string runId, int maxConcurrentTasks) => BenchmarkAgentConfig.For(ResourceClass, runId, maxConcurrentTasks);
}
