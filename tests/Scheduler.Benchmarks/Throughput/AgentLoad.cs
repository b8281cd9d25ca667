using System.Collections.Concurrent;
using Scheduler.Agent.Jobs;
using Scheduler.Benchmarks.Cluster;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Cli.Client;

namespace Scheduler.Benchmarks.Throughput;

/// <summary>
/// Closed-loop workers that each submit a one-step task (<c>true</c>, with one secret, so the agent creates a secret
/// as the bare loop does) through a replica's HTTP API, follow its log there until the agent ends it (the job's last
/// act), and read the final view. Job i goes to replica i mod n.
/// </summary>
public sealed class AgentLoad(BenchmarkCluster cluster, AgentReplicas replicas, TimeSpan waitLimit)
{
    public async Task<(double Seconds, IReadOnlyList<JobView> Views)> RunAsync(int jobs, int concurrency, CancellationToken ct)
    {
        var clients = replicas.Hosts.Select(h => new SchedulerClient(h.ApiBaseUri, AgentReplicas.Token)).ToList();
        try
        {
            var views = new ConcurrentBag<JobView>();
            var next = -1;
            var start = Timing.Now();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < jobs)
                    views.Add(await RunJobAsync(clients[index % clients.Count], ct));
            }, ct)));
            return (Timing.MillisecondsSince(start) / 1000, views.ToList());
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private async Task<JobView> RunJobAsync(SchedulerClient client, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(waitLimit);
        var submitted = await client.SubmitAsync(Spec, limit.Token);
        await client.CopyLogAsync(submitted.Id, 0, follow: true, TextWriter.Null, limit.Token);
        return await client.GetAsync(submitted.Id, limit.Token);
    }

    private string Spec => $"""
        resource_class: {AgentReplicas.ResourceClass}
        environment:
          {BenchmarkCluster.RunVariable}: "{cluster.RunId}"
        secrets:
          {BareJobLoop.SecretKey}: bench-secret
        steps:
          - name: only
            run: "true"
        """;
}
