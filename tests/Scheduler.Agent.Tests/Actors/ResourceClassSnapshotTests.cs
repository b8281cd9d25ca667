using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Actors;

/// <summary>
/// A resource class's journal stays short however many jobs pass through it. The class entity runs in a real agent's
/// actor system (its serializer, its journal on PostgreSQL, where many replicas keep it, and its replica's slots); a
/// probe plays the job regions and ends each job as soon as it starts.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ResourceClassSnapshotTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Class = "test/bulk";
    private const string PersistenceId = "resource-class-" + Class;
    private const int Jobs = 1000;
    private const int SnapshotEvery = 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync($$"""
        agent {
          constraintChecker.enable = false
          resourceClasses { "{{Class}}" { token = "bulk-token", maxConcurrentTasks = {{Jobs}}, execution = exec } }
        }
        scheduler.resource-classes.snapshot-every = {{SnapshotEvery}}
        """, reconcileInterval: TimeSpan.FromHours(1), environment: await postgres.AgentEnvironmentAsync("snapshots"));

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private ActorSystem Actors => _agent.Agent.Services.GetRequiredService<ActorSystem>();

    [Fact]
    public async Task After_a_thousand_jobs_the_class_recovers_from_a_snapshot_and_fewer_events_than_the_interval()
    {
        var jobs = new TestProbe(Actors, new XunitAssertions());
        jobs.SetAutoPilot(new DelegateAutoPilot((classEntity, message) =>
        {
            if (message is StartJob start)
                classEntity.Tell(new JobEnded(Class, start.JobId));
            return AutoPilot.KeepRunning;
        }));
        var classActor = StartClass(jobs);
        for (var i = 0; i < Jobs; i++)
            classActor.Tell(new EnqueueJob(Class, $"t-bulk-{i}"));

        Assert.Equal(Jobs, jobs.ReceiveN(Jobs, Timeout).OfType<StartJob>().Select(s => s.JobId).Distinct().Count());
        await Eventually.UntilAsync(() => classActor.Ask<ClassStatus>(new GetClassStatus(Class), Timeout),
            s => s.Queued.Count == 0 && s.Running.Count == 0, "every job to have ended", Timeout);

        // Three events a job (queued, claimed, released); the snapshot covers them all but the last few.
        await Eventually.UntilAsync(() => Task.WhenAll(RowsAsync("journal"), RowsAsync("snapshot")),
            rows => rows is [< SnapshotEvery, 1], "the covered events and the older snapshots to be deleted", Timeout);
        Assert.True(await classActor.GracefulStop(Timeout));

        var recovery = new TestProbe(Actors, new XunitAssertions());
        Actors.ActorOf(RecoveryCounter.Props(PersistenceId, recovery.Ref));
        var report = recovery.ExpectMsg<RecoveryCounter.Report>(Timeout);
        Assert.True(report.SnapshotSequenceNr > 3 * Jobs - SnapshotEvery, $"snapshot at {report.SnapshotSequenceNr}");
        Assert.InRange(report.EventsReplayed, 0, SnapshotEvery - 1);

        var recovered = StartClass(jobs);
        var status = await recovered.Ask<ClassStatus>(new GetClassStatus(Class), Timeout);
        Assert.Empty(status.Queued);
        Assert.Empty(status.Running);
        recovered.Tell(new EnqueueJob(Class, "t-bulk-after"));
        Assert.Equal("t-bulk-after", jobs.ExpectMsg<StartJob>(Timeout).JobId);
    }

    private IActorRef StartClass(TestProbe jobs) =>
        Actors.ActorOf(ResourceClassActor.Props(Class, _agent.Agent.Services.GetRequiredService<JobRuntime>(), _ => jobs.Ref));

    private async Task<long> RowsAsync(string table)
    {
        await using var connection = new NpgsqlConnection(_agent.Agent.Options.Storage.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table} WHERE persistence_id = @id", connection);
        command.Parameters.AddWithValue("id", PersistenceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
