using System.Text;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.GarbageCollection;
using Scheduler.Agent.Tests.Support;
using Scheduler.Cli.Client;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// Two replicas in one cluster on one PostgreSQL database and one LocalKube. A job runs on one of them (its entity's
/// host); its log is followed through the other, with the clients <c>sched logs -f</c> and <c>sched run</c> use.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CrossReplicaLogTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const int Lines = 8000;

    private readonly string _effects = Directory.CreateTempSubdirectory("cross-replica-log-").FullName;
    private ReplicaCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await ReplicaCluster.StartAsync(TestClasses.Hocon, AgentHost.DefaultGarbageCollectionGrace,
            await postgres.AgentEnvironmentAsync("replicas"));

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_effects, recursive: true);
    }

    [Fact]
    public async Task A_log_followed_through_the_replica_not_running_the_job_is_complete_byte_for_byte_and_ends_with_the_job()
    {
        var job = await _cluster.First.Jobs.SubmitAsync(Spec(), CancellationToken.None);
        var (owner, other) = await RunningReplicaAsync(job.Id);
        using var cts = new CancellationTokenSource(Timeout);
        using var client = new SchedulerClient(other.ApiBaseUri, TestTokens.Operator);

        // `sched logs -f` and `sched run` through the replica that does not run the job.
        var text = new StringWriter();
        var copied = client.CopyLogAsync(job.Id, 0, follow: true, TextWriter.Synchronized(text), cts.Token);
        var events = new List<LogEvent>();
        var gateReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var streamed = Task.Run(async () =>
        {
            var output = new StringBuilder();
            await foreach (var logEvent in client.FollowLogEventsAsync(job.Id, 0, cts.Token))
            {
                events.Add(logEvent);
                output.Append(Encoding.UTF8.GetString(logEvent.Data ?? []));
                if (output.ToString().EndsWith(FirstStepOutput, StringComparison.Ordinal))
                    gateReached.TrySetResult();
            }
        });

        // The first step's output arrives while it still waits at the gate on the other replica: a live follow.
        await gateReached.Task.WaitAsync(Timeout);
        Assert.Equal(JobStates.Running, (await other.Jobs.GetAsync(job.Id, cts.Token))!.State);
        Assert.False(copied.IsCompleted);
        await File.WriteAllTextAsync(Path.Combine(_effects, "release"), "");
        var length = await copied.WaitAsync(Timeout);
        await streamed.WaitAsync(Timeout);

        var expected = Encoding.UTF8.GetBytes(FirstStepOutput + SecondStepOutput);
        Assert.Equal(expected, await StoredLogAsync(owner, job.Id));
        Assert.Equal(expected, events.SelectMany(e => e.Data ?? []).ToArray());
        Assert.Equal(expected.Length, length);
        Assert.Equal(FirstStepOutput + SecondStepOutput, text.ToString());
        Assert.Equal(
            [(LogEvent.Types.StepStarted, 0), (LogEvent.Types.StepFinished, 0), (LogEvent.Types.StepStarted, 1),
             (LogEvent.Types.StepFinished, 1), (LogEvent.Types.End, (int?)null)],
            events.Where(e => e.Type != LogEvent.Types.Output).Select(e => (e.Type, e.Step)));
        Assert.Equal(expected.Length, events[^1].Offset);
        Assert.Equal(JobStates.Succeeded, (await other.Jobs.GetAsync(job.Id, cts.Token))!.State);
    }

    private static string FirstStepOutput =>
        "héllo wörld ✓\n" + string.Concat(Enumerable.Range(1, Lines).Select(i => $"line {i} ✓\n"));

    private const string SecondStepOutput = "after the gate\nno newline at the end";

    private TaskSpec Spec()
    {
        var parsed = TaskSpecParser.Parse($$"""
            resource_class: {{TestClasses.Small}}
            environment:
              EFFECTS: {{_effects}}
            steps:
              - name: print then wait
                run: |
                  printf 'héllo wörld ✓\n'
                  i=1
                  while [ $i -le {{Lines}} ]; do echo "line $i ✓"; i=$((i+1)); done
                  while [ ! -e "$EFFECTS/release" ]; do sleep 0.05; done
              - name: after the gate
                run: printf 'after the gate\nno newline at the end'
            """);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Spec;
    }

    /// <summary>The replica whose job shard region hosts the job's entity (it runs the job's pod and steps), and the other.</summary>
    private async Task<(AgentHost Owner, AgentHost Other)> RunningReplicaAsync(string jobId)
    {
        var replicas = new[] { _cluster.First, _cluster.Second };
        var hosts = await Eventually.UntilAsync(
            async () => (await Task.WhenAll(replicas.Select(r => HostsAsync(r, jobId)))).ToList(),
            hosting => hosting.Count(h => h) == 1, $"exactly one replica to host job {jobId}", Timeout);
        var owner = hosts.IndexOf(true);
        return (replicas[owner], replicas[1 - owner]);
    }

    private static async Task<bool> HostsAsync(AgentHost replica, string jobId)
    {
        var region = await replica.Services.GetRequiredService<ActorRegistry>().GetAsync<JobActor>();
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return state.Shards.Any(shard => shard.EntityIds.Contains(jobId));
    }

    private static async Task<byte[]> StoredLogAsync(AgentHost replica, string jobId)
    {
        var stored = new MemoryStream();
        while (await replica.Logs.ReadAsync(jobId, stored.Length, int.MaxValue) is { Count: > 0 } chunks)
        {
            foreach (var chunk in chunks)
                stored.Write(chunk.Data.Span);
        }
        return stored.ToArray();
    }
}
