using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

public sealed class StopAndFailFastTests : IAsyncLifetime
{
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.Hocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Cancel_stops_the_running_step_and_deletes_the_pod()
    {
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            steps:
              - name: long
                run: echo started; sleep 120
              - name: after
                run: echo never
            """);
        await _agent.AwaitOutputAsync(job.Id, "started");

        var cancelled = await _agent.Agent.Jobs.CancelAsync(job.Id, CancellationToken.None);
        var (view, log) = await _agent.AwaitEndAsync(job.Id);

        Assert.NotNull(cancelled);
        Assert.Equal(JobStates.Cancelled, view.State);
        Assert.DoesNotContain("never", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }

    [Fact]
    public async Task A_queued_task_can_be_cancelled_before_it_starts()
    {
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Nowhere}
            steps: [ "echo never" ]
            """);

        var cancelled = await _agent.Agent.Jobs.CancelAsync(job.Id, CancellationToken.None);
        var (view, _) = await _agent.AwaitEndAsync(job.Id);

        Assert.NotNull(cancelled);
        Assert.Equal(JobStates.Cancelled, view.State);
    }

    [Fact]
    public async Task The_task_timeout_is_enforced()
    {
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            timeout: 2s
            steps:
              - name: slow
                run: echo started; sleep 120
            """);

        var (view, _) = await _agent.AwaitEndAsync(job.Id);

        Assert.Equal(JobStates.TimedOut, view.State);
        Assert.Contains("timed out", view.FailureReason);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }

    [Fact]
    public async Task An_unschedulable_class_fails_fast_quoting_the_scheduler()
    {
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Nowhere}
            timeout: 1h
            steps: [ "echo never" ]
            """);

        // Well inside the one-hour task timeout: the job must not wait for it.
        var (view, _) = await _agent.AwaitEndAsync(job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStates.InfraFailed, view.State);
        Assert.Contains("Unschedulable", view.FailureReason);
        Assert.Contains("FailedScheduling", view.FailureReason);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_fails_after_the_grace_period_quoting_the_pull_error()
    {
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            image: unpullable/no-such-image:1.0
            secrets:
              TOKEN: abcdef
            timeout: 1h
            steps: [ "echo never" ]
            """);

        var (view, _) = await _agent.AwaitEndAsync(job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStates.InfraFailed, view.State);
        Assert.Matches("ErrImagePull|ImagePullBackOff", view.FailureReason);
        Assert.Contains("unpullable/no-such-image", view.FailureReason);
        Assert.Contains("the image could not be pulled within agent.imagePullGracePeriod (2s)", view.FailureReason);
        Assert.True(view.FinishedAt - view.PodCreatedAt >= TimeSpan.FromSeconds(2), $"failed after {view.FinishedAt - view.PodCreatedAt}");
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
        Assert.Equal(0, await _agent.ManagedSecretCountAsync());
    }
}
