using k8s;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Pods;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// A rolling restart of three replicas on one PostgreSQL and one LocalKube, as a StatefulSet update does it: each
/// replica in turn is stopped as SIGTERM stops <c>sched agent</c> and its successor starts on the same data directory
/// and joins the survivors, while every slot runs a job that waits in its first step and more jobs queue. Each step
/// appends its job's id to a file outside the pods, so a re-run would show.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RollingRestartTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Running = 6;
    private const int Queued = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private const string Hocon = """
        agent {
          maxConcurrentTasks = 2
          constraintChecker.enable = false
          resourceClasses { "test/rolling" { token = "rolling-token", maxConcurrentTasks = 20, execution = exec } }
        }
        """;

    private readonly GatedSteps _steps = new();
    private System.Collections.Hashtable _environment = null!;
    private ReplicaCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _environment = await postgres.AgentEnvironmentAsync("rolling");
        _cluster = await ReplicaCluster.StartAsync(Hocon, AgentHost.DefaultGarbageCollectionGrace, _environment, replicas: 3);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _steps.Dispose();
    }

    [Fact]
    public async Task Restarting_every_replica_in_turn_fails_no_job_and_reruns_no_step()
    {
        var running = await SubmitAsync(Running);
        await Task.WhenAll(running.Select(id => Eventually.UntilAsync(() => GatedSteps.StoredLogAsync(_cluster.First, id),
            log => log == GatedSteps.BeforeGate, $"job {id} to print its first lines", Timeout)));
        var queued = await SubmitAsync(Queued);

        foreach (var replica in _cluster.Replicas.ToArray())
        {
            var restarting = DateTimeOffset.UtcNow;
            await _cluster.ReplaceAsync(replica, Hocon, AgentHost.DefaultGarbageCollectionGrace, _environment);
            output.WriteLine($"replaced a replica in {(DateTimeOffset.UtcNow - restarting).TotalSeconds:F1} s");
        }
        await _steps.ReleaseAsync();

        var all = running.Concat(queued).ToArray();
        var survivor = _cluster.Replicas[^1];
        var ended = await Task.WhenAll(all.Select(id => Eventually.UntilAsync(
            () => survivor.Jobs.GetAsync(id, CancellationToken.None), v => v is { FinishedAt: not null }, $"job {id} to end", Timeout)));
        Assert.All(ended, v => Assert.Equal(JobStates.Succeeded, v!.State));
        Assert.All(ended.Where(v => running.Contains(v!.Id)), v => Assert.NotEmpty(v!.Adoptions));
        output.WriteLine("adoptions per running job: " + string.Join(", ", ended.Where(v => running.Contains(v!.Id)).Select(v => v!.Adoptions.Count)));
        foreach (var id in all)
            Assert.Equal(GatedSteps.Log, await GatedSteps.StoredLogAsync(survivor, id));
        Assert.Equal(all.Order(), (await _steps.RunsAsync()).Order());
        await Eventually.UntilAsync(
            async () => (await _cluster.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count,
            n => n == 0, "every pod to be deleted", Timeout);
    }

    private async Task<string[]> SubmitAsync(int count) =>
        (await Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            _cluster.First.Jobs.SubmitAsync(_steps.Spec("test/rolling"), CancellationToken.None)))).Select(j => j.Id).ToArray();
}
