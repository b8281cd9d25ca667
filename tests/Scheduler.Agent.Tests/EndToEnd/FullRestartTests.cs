using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// Three replicas on one PostgreSQL and one LocalKube are all stopped and started again, while two jobs wait in their
/// first step and two more are queued behind the class limit. Each step appends its job's id to a file outside the pods,
/// so a re-run would show.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FullRestartTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    // The replicas come back on new ports, so the class waits replica-grace for the old ones before placing their jobs anew.
    private const string Hocon = """
        agent {
          maxConcurrentTasks = 2
          constraintChecker.enable = false
          resourceClasses { "test/restart" { token = "restart-token", maxConcurrentTasks = 2, execution = exec } }
        }
        scheduler.resource-classes.replica-grace = 2s
        """;

    private readonly GatedSteps _steps = new();
    private ReplicaCluster _cluster = null!;
    private System.Collections.Hashtable _environment = null!;

    public async Task InitializeAsync()
    {
        _environment = await postgres.AgentEnvironmentAsync("restart");
        _cluster = await ReplicaCluster.StartAsync(Hocon, AgentHost.DefaultGarbageCollectionGrace, _environment, replicas: 3);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _steps.Dispose();
    }

    [Fact]
    public async Task Queued_and_running_jobs_continue_after_every_replica_restarts()
    {
        var submitted = new List<JobView>();
        for (var i = 0; i < 4; i++)
            submitted.Add(await _cluster.First.Jobs.SubmitAsync(_steps.Spec("test/restart"), CancellationToken.None));
        await Eventually.UntilAsync(() => _steps.RunsAsync(), runs => runs.Length == 2, "two jobs to have started their step", Timeout);
        var states = await Task.WhenAll(submitted.Select(j => _cluster.First.Jobs.GetAsync(j.Id, CancellationToken.None)));
        Assert.Equal(2, states.Count(v => v!.State == JobStates.Queued));

        await _cluster.RestartAllAsync(Hocon, AgentHost.DefaultGarbageCollectionGrace, _environment);
        await _steps.ReleaseAsync();

        var ended = await Task.WhenAll(submitted.Select(j => Eventually.UntilAsync(
            () => _cluster.First.Jobs.GetAsync(j.Id, CancellationToken.None), v => v is { FinishedAt: not null }, $"job {j.Id} to end", Timeout)));
        Assert.All(ended, v => Assert.Equal(JobStates.Succeeded, v!.State));
        foreach (var job in submitted)
            Assert.Equal(GatedSteps.Log, await GatedSteps.StoredLogAsync(_cluster.First, job.Id));
        Assert.Equal(submitted.Select(j => j.Id).Order(), (await _steps.RunsAsync()).Order());
    }
}
