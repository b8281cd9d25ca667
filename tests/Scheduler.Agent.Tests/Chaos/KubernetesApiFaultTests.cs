using System.Diagnostics;
using System.Text;
using k8s;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;
using Scheduler.LocalKube.Faults;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>
/// Three replicas (in-process, on one PostgreSQL) and LocalKube's fault injection while exec and attach jobs run:
/// 10% of API requests answered 500, 10% 429, 3% connection resets, watches closed as jobs end, and exec and attach
/// streams cut after their first bytes. Every job must end succeeded, with its log exact and its step run once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KubernetesApiFaultTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int JobsPerClass = 10;
    private const int Lines = 40;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private static readonly string ExpectedLog = string.Concat(Enumerable.Range(1, Lines).Select(i => $"{i}\n"));
    private readonly string _effects = Directory.CreateTempSubdirectory("api-faults-").FullName;
    private ReplicaCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ReplicaCluster.StartAsync("""
        agent {
          maxConcurrentTasks = 4
          constraintChecker.enable = false
          resourceClasses {
            "test/exec" { token = "exec-token", maxConcurrentTasks = 10, execution = exec }
            "test/attach" { token = "attach-token", maxConcurrentTasks = 10, execution = attach }
          }
        }
        """, AgentHost.DefaultGarbageCollectionGrace, await postgres.AgentEnvironmentAsync("apifaults"), replicas: 3);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_effects, recursive: true);
    }

    private TaskSpec Spec(string resourceClass)
    {
        var parsed = TaskSpecParser.Parse($$"""
            resource_class: {{resourceClass}}
            environment:
              EFFECTS: {{_effects}}
            steps:
              - name: counted
                run: |
                  echo "$SCHEDULER_JOB_ID" >> "$EFFECTS/runs"
                  seq 1 {{Lines / 2}}
              - name: second
                run: seq {{Lines / 2 + 1}} {{Lines}}
            """);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Spec;
    }

    [Fact]
    public async Task Jobs_on_three_replicas_end_correctly_under_API_errors_dropped_watches_and_cut_streams()
    {
        var faults = _cluster.Kube.Faults;
        faults.FailFraction(0.10, FaultKind.InternalError);
        faults.FailFraction(0.10, FaultKind.TooManyRequests);
        faults.FailFraction(0.03, FaultKind.ConnectionReset);
        faults.CutStreams(2 * JobsPerClass, afterBytes: 3);
        var started = Stopwatch.StartNew();

        var jobs = new List<string>();
        for (var i = 0; i < JobsPerClass; i++)
            foreach (var resourceClass in new[] { "test/exec", "test/attach" })
                jobs.Add((await _cluster.Replicas[jobs.Count % 3].Jobs.SubmitAsync(Spec(resourceClass), CancellationToken.None)).Id);

        var views = new Dictionary<string, JobView?>();
        foreach (var id in jobs)
        {
            views[id] = await Eventually.UntilAsync(() => _cluster.First.Jobs.GetAsync(id, CancellationToken.None),
                v => v is { FinishedAt: not null } || started.Elapsed > Timeout, $"job {id} to end", Timeout + TimeSpan.FromSeconds(10));
            faults.CloseWatches(); // every replica's pod watch ends and is started again, as at an apiserver restart
        }
        faults.Clear();
        var logs = new Dictionary<string, string>();
        foreach (var id in jobs)
            logs[id] = await GatedSteps.StoredLogAsync(_cluster.First, id);
        var runs = File.Exists(Path.Combine(_effects, "runs")) ? await File.ReadAllLinesAsync(Path.Combine(_effects, "runs")) : [];

        var succeeded = jobs.Count(id => views[id]?.State == JobStates.Succeeded && logs[id] == ExpectedLog);
        output.WriteLine(ChaosSummary.Record(new ChaosRow(
            "Kubernetes API faults under three replicas: 10% 500, 10% 429, 3% resets, closed watches, cut exec and attach streams",
            jobs.Count, succeeded, jobs.Count - succeeded,
            logs.Values.Sum(log => Math.Max(0L, Encoding.UTF8.GetByteCount(log) - ExpectedLog.Length)),
            runs.Length - runs.Distinct().Count(), null)));

        foreach (var id in jobs)
        {
            Assert.True(views[id]?.State == JobStates.Succeeded, $"job {id} ended {views[id]?.State} {views[id]?.FailureReason}");
            Assert.Equal(ExpectedLog, logs[id]);
        }
        Assert.Equal(jobs.Order(), runs.Order());
        await Eventually.UntilAsync(async () => (await _cluster.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count
            + (await _cluster.Client.CoreV1.ListNamespacedSecretAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count,
            n => n == 0, "no pod and no secret to be left", Timeout);
    }
}
