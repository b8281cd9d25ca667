using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

public sealed class RestartTests : IAsyncLifetime
{
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.OneAtATimeHocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task The_queue_survives_a_restart_and_the_running_job_is_adopted_and_finishes()
    {
        var running = await _agent.SubmitAsync("""
            resource_class: test/single
            steps:
              - name: long
                run: echo started; sleep 2; echo finished
            """);
        var queued = await _agent.SubmitAsync("""
            resource_class: test/single
            steps:
              - name: after restart
                run: echo ran after the restart
            """);
        await _agent.AwaitOutputAsync(running.Id, "started");
        Assert.Equal(JobStates.Queued, (await _agent.Agent.Jobs.GetAsync(queued.Id, CancellationToken.None))!.State);

        await _agent.RestartAgentAsync();

        var (first, firstLog) = await _agent.AwaitEndAsync(running.Id);
        var (second, log) = await _agent.AwaitEndAsync(queued.Id);
        Assert.Equal(JobStates.Succeeded, first.State);
        Assert.Equal("started\nfinished\n", firstLog);
        Assert.Equal(2, Assert.Single(first.Adoptions).Epoch);
        Assert.Equal(JobStates.Succeeded, second.State);
        Assert.Contains("ran after the restart", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }

    [Fact]
    public async Task A_claim_for_a_job_that_does_not_exist_gives_its_slot_back()
    {
        var classes = await _agent.Agent.Services.GetRequiredService<Akka.Hosting.ActorRegistry>().GetAsync<ResourceClassActor>();
        classes.Tell(new EnqueueJob("test/single", "t-ghost"));

        // The class allows one task at a time: if the ghost kept its slot, this one would never be claimed.
        var real = await _agent.SubmitAsync("""
            resource_class: test/single
            steps: [ "echo real" ]
            """);
        var (view, _) = await _agent.AwaitEndAsync(real.Id);

        Assert.Equal(JobStates.Succeeded, view.State);
        var status = await classes.Ask<ClassStatus>(new GetClassStatus("test/single"), TimeSpan.FromSeconds(10));
        Assert.Empty(status.Running);
        Assert.Empty(status.Queued);
    }
}
