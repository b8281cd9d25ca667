using System.Diagnostics;
using Scheduler.Agent.Tests.Support;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>
/// PostgreSQL (journal, views and logs of all three replicas) stopped with <c>pg_ctl -m fast</c> while exec and attach
/// jobs print a line every few milliseconds, so log appends are in flight when it goes (<c>57P01</c>) and fail while it
/// is gone, then started again: the agents reconnect and every job ends once, with every line once.
/// In the large <see cref="ChaosProfile"/> only.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int JobsPerClass = 4;
    private const int Lines = 300;
    private static readonly string ExpectedLog = string.Concat(Enumerable.Range(1, Lines).Select(i => $"{i}\n"));
    private readonly ChaosCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private string Yaml(string resourceClass) => $$"""
        resource_class: {{resourceClass}}
        environment:
          EFFECTS: {{_cluster.Steps.Directory}}
        steps:
          - name: streaming
            run: |
              echo "$SCHEDULER_JOB_ID" >> "$EFFECTS/runs"
              i=1
              while [ $i -le {{Lines}} ]; do echo $i; i=$((i + 1)); sleep 0.02; done
        """;

    [LargeProfileFact]
    public async Task Jobs_printing_while_PostgreSQL_restarts_end_once_with_every_line_once()
    {
        await _cluster.UpAsync();
        var api = _cluster.Api(1);
        var jobs = new List<string>();
        for (var i = 0; i < JobsPerClass; i++)
            foreach (var resourceClass in new[] { "local/small", "local/attach" })
                jobs.Add(await ChaosCluster.SubmitYamlAsync(api, Yaml(resourceClass)));
        var before = new Dictionary<string, int>();
        foreach (var id in jobs)
            before[id] = (await Eventually.UntilAsync(() => ChaosCluster.LogAsync(api, id), log => log?.Length > 0,
                $"job {id} to print", ChaosCluster.Timeout))!.Length;

        var postgres = new ClusterPostgres(_cluster.Script);
        var stopped = Stopwatch.StartNew();
        await postgres.StopAsync();
        await postgres.StartAsync();
        foreach (var id in jobs)
            await Eventually.UntilAsync(() => ChaosCluster.LogAsync(api, id), log => log?.Length > before[id] || log == ExpectedLog,
                $"job {id}'s output to be stored again", ChaosCluster.Timeout);
        var flowing = stopped.Elapsed;

        await _cluster.FinishAsync("PostgreSQL restarted (`pg_ctl -m fast`) under three replicas while steps print, exec and attach",
            api, jobs, flowing, output.WriteLine, ExpectedLog);
    }
}
