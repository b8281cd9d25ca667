using k8s;
using Scheduler.Agent.Jobs;
using Scheduler.Benchmarks.Cluster;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Benchmarks.Throughput;
using Scheduler.Tests.Shared;

namespace Scheduler.Benchmarks.Benchmarks;

/// <summary>
/// Jobs/s of trivial jobs (one step <c>true</c>, one secret): the bare KubernetesClient loop at concurrency 1 and
/// <paramref name="parallelism"/> (the limit), then the agent through its HTTP API with the same closed-loop workers on
/// one SQLite replica, one PostgreSQL replica and three PostgreSQL replicas (a throwaway server of its own), all on
/// the one in-process LocalKube. Each agent run is followed by a count of its journal's rows.
/// </summary>
public sealed class ThroughputBenchmark(int count, int parallelism)
{
    private const int WarmUp = 3;
    private const int MaxConcurrentTasks = 20;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);

    public async Task<bool> RunAsync(BenchmarkCluster cluster, CancellationToken ct)
    {
        Console.WriteLine($"throughput: {count} jobs per run (+{WarmUp} warm-up per replica), {parallelism} closed-loop workers, agent maxConcurrentTasks {MaxConcurrentTasks}");
        var loadAtStart = LoadAverage.Read();
        await using var watch = await PodWatch.StartAsync(cluster.Client, cluster.LabelSelector, ct);

        var bare = new BareJobLoop(cluster, watch, WaitLimit);
        await bare.RunAsync("warm", WarmUp, 1, ct);
        var limit = new List<LoopRate> { await bare.RunAsync("one", count, 1, ct) };
        Console.WriteLine($"{limit[^1].Name}: {limit[^1].JobsPerSecond:F1} jobs/s");
        if (parallelism != 1)
        {
            limit.Add(await bare.RunAsync("many", count, parallelism, ct));
            Console.WriteLine($"{limit[^1].Name}: {limit[^1].JobsPerSecond:F1} jobs/s");
        }

        var agent = new List<AgentRun> { await RunAgentAsync(cluster, watch, replicas: 1, postgres: null, ct) };
        await using (var postgres = await ThrowawayPostgres.StartAsync())
        {
            agent.Add(await RunAgentAsync(cluster, watch, replicas: 1, await postgres.CreateDatabaseAsync("bench_one"), ct));
            agent.Add(await RunAgentAsync(cluster, watch, replicas: 3, await postgres.CreateDatabaseAsync("bench_three"), ct));
        }

        var report = new ThroughputReport(Machine.Describe(), loadAtStart, LoadAverage.Read(), "in-process", parallelism, limit, agent);
        report.PrintMarkdown();
        Console.WriteLine($"\nJSON: {await report.WriteJsonAsync(cluster.RunId)}");

        var remaining = (await cluster.Client.CoreV1.ListNamespacedPodAsync(BenchmarkCluster.Namespace, labelSelector: cluster.LabelSelector, cancellationToken: ct)).Items.Count;
        Console.WriteLine($"Pods of this run left: {remaining}; watch streams opened: {watch.Streams}");
        return agent.All(a => a.Succeeded == a.Jobs) && remaining == 0;
    }

    private async Task<AgentRun> RunAgentAsync(BenchmarkCluster cluster, PodWatch watch, int replicas, string? postgres, CancellationToken ct)
    {
        var storage = postgres is null ? "SQLite" : "PostgreSQL";
        await using var agents = await AgentReplicas.StartAsync(cluster, replicas, postgres, MaxConcurrentTasks);
        var load = new AgentLoad(cluster, agents, WaitLimit);
        var (_, warmUp) = await load.RunAsync(WarmUp * replicas, 1, ct);
        var (seconds, views) = await load.RunAsync(count, parallelism, ct);

        // The agent deletes each job's pod as its last act; the watch shows that every one went.
        var pods = warmUp.Concat(views).Select(v => v.PodName).OfType<string>().ToList();
        await Task.WhenAll(pods.Select(p => watch.DeletedAsync(p, WaitLimit)));
        watch.Forget(pods);
        await agents.StopAsync();
        var journal = await JournalCount.ReadAsync(agents, warmUp.Count + views.Count);

        var failed = views.Where(v => v.State != JobStates.Succeeded).ToList();
        foreach (var job in failed)
            Console.WriteLine($"job {job.Id} ended {job.State}: {job.FailureReason}");
        var succeeded = views.Except(failed).ToList();
        var claimedMs = succeeded.Sum(v => JobStages.EndToEnd(v) - JobStages.SubmitToClaim(v));
        var run = new AgentRun(storage, replicas, views.Count, succeeded.Count, seconds,
            LatencyStats.Of(succeeded.Select(JobStages.SubmitToClaim).ToList()), LatencyStats.Of(succeeded.Select(JobStages.EndToEnd).ToList()),
            claimedMs / 1000 / seconds, journal);
        Console.WriteLine($"{run.Name}: {run.JobsPerSecond:F1} jobs/s, {journal.EventsPerJob:F1} journal rows per job");
        return run;
    }
}
