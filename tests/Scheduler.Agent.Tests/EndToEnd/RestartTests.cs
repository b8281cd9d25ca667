using System.Text;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

public sealed class RestartTests : IAsyncLifetime
{
    private const string OneAtATime = """
        agent {
          resourceClasses {
            "test/single" { token = "single-token", maxConcurrentTasks = 1, execution = exec }
          }
        }
        """;

    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(OneAtATime);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task The_queue_survives_a_restart_and_the_interrupted_job_is_never_reported_as_a_success()
    {
        var running = await _agent.SubmitAsync("""
            resource_class: test/single
            steps:
              - name: long
                run: echo started; sleep 120
            """);
        var queued = await _agent.SubmitAsync("""
            resource_class: test/single
            steps:
              - name: after restart
                run: echo ran after the restart
            """);
        await AwaitOutputAsync(running.Id, "started");
        Assert.Equal(JobStates.Queued, (await _agent.Agent.Jobs.GetAsync(queued.Id, CancellationToken.None))!.State);

        await _agent.RestartAgentAsync();

        var (first, _) = await _agent.AwaitEndAsync(running.Id);
        var (second, log) = await _agent.AwaitEndAsync(queued.Id);
        Assert.Equal(JobStates.InfraFailed, first.State);
        Assert.Equal(JobStates.Succeeded, second.State);
        Assert.Contains("ran after the restart", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }

    private async Task AwaitOutputAsync(string jobId, string text)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new StringBuilder();
        await foreach (var chunk in _agent.Agent.Logs.FollowAsync(jobId, 0, cts.Token))
        {
            seen.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            if (seen.ToString().Contains(text))
                return;
        }

        Assert.Fail($"the job's log ended without \"{text}\": {seen}");
    }
}
