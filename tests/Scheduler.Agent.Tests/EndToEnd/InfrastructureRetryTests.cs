using k8s;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// <c>retry: {infrastructure: 1}</c>: a pod deleted under a running step starts a second attempt in a new pod. The step
/// appends a line per run to a file outside the pods, so the runs are counted by something the agent did not write.
/// </summary>
public sealed class InfrastructureRetryTests : IAsyncLifetime
{
    private readonly string _runs = Path.Combine(Directory.CreateTempSubdirectory("retry-runs-").FullName, "runs");
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.Hocon);

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_runs)!, recursive: true);
    }

    [Fact]
    public async Task A_pod_deleted_under_a_running_step_starts_a_second_attempt_in_a_new_pod_which_succeeds()
    {
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            retry:
              infrastructure: 1
            steps:
              - name: once-slow
                run: if [ -e {_runs} ]; then echo second >>{_runs}; echo second; else echo first >>{_runs}; echo first; sleep 120; fi
            """);
        await _agent.AwaitOutputAsync(job.Id, "first");
        var firstPod = (await _agent.Agent.Jobs.GetAsync(job.Id, CancellationToken.None))!.PodName!;

        await _agent.Client.CoreV1.DeleteNamespacedPodAsync(firstPod, "default", gracePeriodSeconds: 0);
        var (view, log) = await _agent.AwaitEndAsync(job.Id);

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Equal(2, view.Attempt);
        var failed = Assert.Single(view.FailedAttempts);
        Assert.Equal(1, failed.Attempt);
        Assert.Equal("StepInfrastructure", failed.Reason);
        Assert.Contains(firstPod, failed.Message);
        Assert.Equal("first\nsecond\n", log);
        Assert.Equal("first\nsecond\n", await File.ReadAllTextAsync(_runs));
        var starts = new List<(int? Step, int? Attempt)>();
        await foreach (var e in _agent.Agent.LogFollower.ReadAsync(job.Id, 0, follow: false, CancellationToken.None))
            if (e.Type == Scheduler.Agent.Api.LogEvent.Types.StepStarted)
                starts.Add((e.Step, e.Attempt));
        Assert.Equal([(0, null), (0, 2)], starts);
        Assert.DoesNotContain((await _agent.Client.CoreV1.ListNamespacedPodAsync("default")).Items, p => p.Metadata.Name.Contains(job.Id));
    }

    [Fact]
    public async Task A_retry_count_above_the_class_maximum_is_refused_naming_the_field()
    {
        using var api = _agent.ApiClient();
        using var body = new StringContent($"""
            resource_class: {TestClasses.Small}
            retry:
              infrastructure: 3
            steps:
              - name: a
                run: "true"
            """, System.Text.Encoding.UTF8, "application/yaml");
        var response = await api.PostAsync("/api/v1/tasks", body);

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("retry.infrastructure", await response.Content.ReadAsStringAsync());
        Assert.Contains("maxInfrastructureRetries (2)", await response.Content.ReadAsStringAsync());
    }
}
