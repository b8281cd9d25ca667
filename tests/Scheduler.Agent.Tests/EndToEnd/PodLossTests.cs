using k8s;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

public sealed class PodLossTests : IAsyncLifetime
{
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.Hocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task A_pod_deleted_under_a_running_step_fails_the_job_naming_the_step_and_the_pod()
    {
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            steps:
              - name: long
                run: echo started; sleep 120
            """);
        await _agent.AwaitOutputAsync(job.Id, "started");
        var podName = (await _agent.Agent.Jobs.GetAsync(job.Id, CancellationToken.None))!.PodName!;

        await _agent.Client.CoreV1.DeleteNamespacedPodAsync(podName, "default", gracePeriodSeconds: 0);
        var (view, log) = await _agent.AwaitEndAsync(job.Id);

        Assert.Equal(JobStates.InfraFailed, view.State);
        Assert.Contains($"step 1 \"long\": its pod {podName} is gone", view.FailureReason);
        Assert.Equal("started\n", log);
    }
}
