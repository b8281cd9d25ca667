using k8s;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Pods;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// Three replicas on one PostgreSQL and one LocalKube. One replica is stopped as SIGTERM stops <c>sched agent</c> while
/// its jobs wait in their first step; the survivors adopt those steps. Each step appends its job's id to a file outside
/// the pods, so a re-run would show.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DrainTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Jobs = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly GatedSteps _steps = new();
    private ReplicaCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ReplicaCluster.StartAsync("""
        agent {
          maxConcurrentTasks = 2
          constraintChecker.enable = false
          resourceClasses { "test/drain" { token = "drain-token", maxConcurrentTasks = 10, execution = exec } }
        }
        """, AgentHost.DefaultGarbageCollectionGrace, await postgres.AgentEnvironmentAsync("drain"), replicas: 3);

    public async Task DisposeAsync()
    {
        foreach (var line in _cluster.Logs.Lines)
            output.WriteLine(line);
        await _cluster.DisposeAsync();
        _steps.Dispose();
    }

    [Fact]
    public async Task A_stopped_replica_hands_its_running_steps_to_the_survivors_which_finish_them_without_a_rerun()
    {
        var submitted = await Task.WhenAll(Enumerable.Range(0, Jobs).Select(_ =>
            _cluster.First.Jobs.SubmitAsync(_steps.Spec("test/drain"), CancellationToken.None)));
        await Task.WhenAll(submitted.Select(j => Eventually.UntilAsync(() => GatedSteps.StoredLogAsync(_cluster.First, j.Id),
            log => log == GatedSteps.BeforeGate, $"job {j.Id} to print its first lines", Timeout)));
        var pods = await _cluster.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector);
        var busiest = pods.Items.GroupBy(p => p.Metadata.Labels[SchedulerLabels.Replica]).MaxBy(g => g.Count())!;
        var leaving = _cluster.Replicas.Single(r => ReplicaLabel(r) == busiest.Key);
        var handedOff = busiest.Select(p => p.Metadata.Labels[SchedulerLabels.JobId]).ToHashSet();
        var survivor = _cluster.Replicas.First(r => r != leaving);

        var stopping = DateTimeOffset.UtcNow;
        await _cluster.StopAsync(leaving);
        var stopped = DateTimeOffset.UtcNow - stopping;
        await _steps.ReleaseAsync();

        var ended = await Task.WhenAll(submitted.Select(j => Eventually.UntilAsync(
            () => survivor.Jobs.GetAsync(j.Id, CancellationToken.None), v => v is { FinishedAt: not null }, $"job {j.Id} to end", Timeout)));
        Assert.All(ended, v => Assert.Equal(JobStates.Succeeded, v!.State));
        Assert.All(ended.Where(v => handedOff.Contains(v!.Id)), v => Assert.Single(v!.Adoptions));
        output.WriteLine($"the replica stopped in {stopped.TotalSeconds:F1} s; its {handedOff.Count} jobs were adopted after " +
            string.Join(", ", ended.Where(v => handedOff.Contains(v!.Id)).Select(v => $"{(v!.Adoptions[0].At - stopping).TotalSeconds:F1} s")));
        foreach (var job in submitted)
            Assert.Equal(GatedSteps.Log, await GatedSteps.StoredLogAsync(survivor, job.Id));
        Assert.Equal(submitted.Select(j => j.Id).Order(), (await _steps.RunsAsync()).Order());
        await Eventually.UntilAsync(
            async () => (await _cluster.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count,
            n => n == 0, "every pod to be deleted", Timeout);
    }

    private static string ReplicaLabel(AgentHost replica)
    {
        var address = Akka.Cluster.Cluster.Get(replica.Services.GetService(typeof(Akka.Actor.ActorSystem)) as Akka.Actor.ActorSystem).SelfAddress;
        return LabelValue.Sanitize($"{address.Host}-{address.Port}");
    }
}
