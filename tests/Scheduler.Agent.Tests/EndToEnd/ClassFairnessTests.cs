using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

public sealed class ClassFairnessTests : IAsyncLifetime
{
    private const string TwoSlots = """
        agent {
          maxConcurrentTasks = 2
          resourceClasses {
            "test/busy" { token = "busy-token", execution = exec }
            "test/quiet" { token = "quiet-token", execution = exec }
          }
        }
        """;

    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TwoSlots);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task A_busy_class_does_not_starve_another_when_the_replica_limit_binds()
    {
        var busy = new List<JobView>();
        for (var i = 0; i < 6; i++)
            busy.Add(await _agent.SubmitAsync($"resource_class: test/busy\nsteps: [ \"sleep 0.3; echo busy {i}\" ]\n"));
        var quiet = await _agent.SubmitAsync("resource_class: test/quiet\nsteps: [ \"echo quiet\" ]\n");

        var busyEnded = await Task.WhenAll(busy.Select(j => _agent.AwaitEndAsync(j.Id, TimeSpan.FromMinutes(2))));
        var (quietEnded, _) = await _agent.AwaitEndAsync(quiet.Id);

        Assert.All(busyEnded, e => Assert.Equal(JobStates.Succeeded, e.View.State));
        Assert.Equal(JobStates.Succeeded, quietEnded.State);
        // The quiet class's task, submitted last, gets the first slot that frees up instead of waiting for the whole busy queue.
        var busyClaimedAfterQuiet = busyEnded.Count(e => e.View.ClaimedAt > quietEnded.ClaimedAt);
        Assert.True(busyClaimedAfterQuiet >= 3, $"only {busyClaimedAfterQuiet} busy tasks were claimed after the quiet one");
    }
}
