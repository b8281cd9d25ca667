using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// Two incarnations of one job's actor at once: the sharded one running the job and a second one started by hand on the
/// same persistence id, as a split brain or a late takeover would. Only one may act.
/// </summary>
public sealed class StaleOwnerTests : IAsyncLifetime
{
    private readonly string _outside = Directory.CreateTempSubdirectory("stale-owner-").FullName;
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.Hocon);

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public async Task A_second_incarnation_adopts_the_job_and_the_first_stops_so_every_step_runs_once()
    {
        var release = Path.Combine(_outside, "release");
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            steps:
              - name: first
                run: echo run >> {_outside}/first.runs; echo first started; while [ ! -e {release} ]; do sleep 0.05; done; echo first done
              - name: second
                run: echo run >> {_outside}/second.runs; echo second ran
            """);
        await _agent.AwaitOutputAsync(job.Id, "first started");

        var system = _agent.Agent.Services.GetRequiredService<ActorSystem>();
        var runtime = _agent.Agent.Services.GetRequiredService<JobRuntime>();
        var newcomer = system.ActorOf(JobActor.Props(job.Id, runtime), "stale-owner-test-" + job.Id);
        await Eventually.UntilAsync(() => newcomer.Ask<JobView>(new GetJob(job.Id), TimeSpan.FromSeconds(10)),
            v => v.Adoptions.Count == 1, "the second incarnation to adopt the job");
        File.WriteAllText(release, "");

        var (view, log) = await _agent.AwaitEndAsync(job.Id);
        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Equal("first started\nfirst done\nsecond ran\n", log);
        Assert.Equal("run\n", await File.ReadAllTextAsync(Path.Combine(_outside, "first.runs")));
        Assert.Equal("run\n", await File.ReadAllTextAsync(Path.Combine(_outside, "second.runs")));
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }
}
