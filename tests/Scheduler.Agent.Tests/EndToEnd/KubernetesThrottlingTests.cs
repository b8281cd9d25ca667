using Scheduler.Agent.Jobs;
using Scheduler.LocalKube.Faults;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// An API server that keeps answering 429 for longer than the gateway's own retries: the job's action is redone
/// later instead of failing the job.
/// </summary>
public sealed class KubernetesThrottlingTests : IAsyncLifetime
{
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.Hocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Pod_creation_throttled_past_the_gateways_retries_is_redone_and_the_job_succeeds()
    {
        // Two full rounds of the gateway's five attempts, and two more: the actor has to redo the action twice.
        var throttle = _agent.Kube.Faults.FailNext(12, FaultKind.TooManyRequests, verb: "create", resource: "pods");

        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            steps:
              - name: hello
                run: echo hello
            """);
        var (view, log) = await _agent.AwaitEndAsync(job.Id, TimeSpan.FromSeconds(120));

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Equal("hello\n", log);
        Assert.Equal(0, _agent.Kube.Faults.RemainingOf(throttle));
    }
}
