using Scheduler.Agent.Jobs;
using Scheduler.LocalKube.Faults;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>LocalKube injects API failures; jobs must still end with the right status and leave nothing behind.</summary>
public sealed class KubernetesFaultTests : IAsyncLifetime
{
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.Hocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private const string Spec = $"""
        resource_class: {TestClasses.Small}
        secrets:
          TOKEN: abcdef
        steps:
          - name: one
            run: echo step one
          - name: two
            run: echo step two
        """;

    [Theory]
    [InlineData(FaultKind.InternalError, "create", "pods")]
    [InlineData(FaultKind.TooManyRequests, "create", "secrets")]
    [InlineData(FaultKind.ConnectionReset, "create", "pods")]
    [InlineData(FaultKind.InternalError, "delete", "pods")]
    [InlineData(FaultKind.TooManyRequests, "patch", "secrets")]
    public async Task Transient_API_errors_are_retried_and_the_job_succeeds(FaultKind kind, string verb, string resource)
    {
        _agent.Kube.Faults.FailNext(2, kind, verb, resource);

        var job = await _agent.SubmitAsync(Spec);
        var (view, log) = await _agent.AwaitEndAsync(job.Id);

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Contains("step two", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
        Assert.Equal(0, await _agent.ManagedSecretCountAsync());
    }

    [Fact]
    public async Task Dropped_watches_do_not_lose_the_pod()
    {
        _agent.Kube.Faults.CloseWatches();
        var job = await _agent.SubmitAsync(Spec);
        _agent.Kube.Faults.CloseWatches();

        var (view, _) = await _agent.AwaitEndAsync(job.Id);

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }

    [Fact]
    public async Task A_cut_exec_stream_is_followed_again_and_the_log_has_every_byte_once()
    {
        _agent.Kube.Faults.CutStreams(2, afterBytes: 3);

        var job = await _agent.SubmitAsync(Spec);
        var (view, log) = await _agent.AwaitEndAsync(job.Id);

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Equal("step one\nstep two\n", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
        Assert.Equal(0, await _agent.ManagedSecretCountAsync());
    }
}
