using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

public sealed class AgentRunsTasksTests : IAsyncLifetime
{
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync();

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private static string Hello(string resourceClass) => $"""
        resource_class: {resourceClass}
        environment:
          GREETING: hello
        secrets:
          API_KEY: s3cr3t-value
        steps:
          - name: greet
            run: echo "$GREETING world"; echo "to stderr" >&2
          - name: write
            run: printf 'from step 2\n' > artifact.txt
          - name: read
            run: cat artifact.txt; echo "key=$API_KEY"
        """;

    [Fact]
    public async Task The_replica_reports_ready_once_its_cluster_member_is_up()
    {
        using var http = _agent.ApiClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = System.Net.HttpStatusCode.ServiceUnavailable;
        while (status != System.Net.HttpStatusCode.OK && !deadline.IsCancellationRequested)
        {
            status = (await http.GetAsync("/readyz", deadline.Token)).StatusCode;
            if (status != System.Net.HttpStatusCode.OK)
                await Task.Delay(100, deadline.Token); // polling an HTTP condition, bounded by the deadline
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("local/small")]
    [InlineData("local/attach")]
    public async Task A_task_runs_its_steps_in_one_pod_and_cleans_up(string resourceClass)
    {
        var submitted = await _agent.SubmitAsync(Hello(resourceClass));

        var (view, log) = await _agent.AwaitEndAsync(submitted.Id);

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.All(view.Steps, s => Assert.Equal(0, s.ExitCode));
        Assert.Contains("hello world", log);
        Assert.Contains("to stderr", log);
        Assert.Contains("from step 2", log);
        Assert.Contains("key=********", log);
        Assert.DoesNotContain("s3cr3t-value", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
        Assert.Equal(0, await _agent.ManagedSecretCountAsync());
    }

    [Theory]
    [InlineData("local/small")]
    [InlineData("local/attach")]
    public async Task A_failing_step_fails_the_task_with_its_exit_code_and_skips_the_rest(string resourceClass)
    {
        var submitted = await _agent.SubmitAsync($"""
            resource_class: {resourceClass}
            steps:
              - name: ok
                run: echo first
              - name: broken
                run: echo about to fail; exit 3
              - name: never
                run: echo never runs
            """);

        var (view, log) = await _agent.AwaitEndAsync(submitted.Id);

        Assert.Equal(JobStates.Failed, view.State);
        Assert.Equal([0, 3], view.Steps.Take(2).Select(s => s.ExitCode!.Value));
        Assert.Null(view.Steps[2].ExitCode);
        Assert.Contains("broken", view.FailureReason);
        Assert.DoesNotContain("never runs", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }
}
