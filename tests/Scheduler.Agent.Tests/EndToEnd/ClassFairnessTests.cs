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
        // Six two-second tasks on two slots keep the busy class's queue non-empty for about six seconds.
        var busy = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _agent.SubmitAsync($"resource_class: test/busy\nsteps: [ \"sleep 2; echo busy {i}\" ]\n")));
        var quiet = await _agent.SubmitAsync("resource_class: test/quiet\nsteps: [ \"echo quiet\" ]\n");

        var busyEnded = (await Task.WhenAll(busy.Select(j => _agent.AwaitEndAsync(j.Id, TimeSpan.FromMinutes(2))))).Select(e => e.View).ToArray();
        var (quietEnded, _) = await _agent.AwaitEndAsync(quiet.Id);

        Assert.All(busyEnded, v => Assert.Equal(JobStates.Succeeded, v.State));
        Assert.Equal(JobStates.Succeeded, quietEnded.State);
        Assert.Contains(busyEnded, v => v.ClaimedAt > quietEnded.ClaimedAt); // the busy queue was still waiting
        // Round-robin: the two slots go to the busy class at once, and of the next two that free up (the busy tasks
        // end together) one is the quiet class's turn; a first-come arbiter would make it wait behind all six.
        var busyFirst = busyEnded.Count(v => v.ClaimedAt < quietEnded.ClaimedAt);
        Assert.True(busyFirst <= 3, $"{busyFirst} busy tasks were claimed before the quiet one");
    }
}
