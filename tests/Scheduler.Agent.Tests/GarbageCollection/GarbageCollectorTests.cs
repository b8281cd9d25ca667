using System.Net.Http.Json;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Api;
using Scheduler.Agent.Tests.Cli;
using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Agent.Tests.Support;
using Scheduler.Cli.Commands;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.GarbageCollection;

/// <summary>The garbage collector of a one-replica agent against LocalKube, with short intervals.</summary>
public sealed class GarbageCollectorTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _outside = Directory.CreateTempSubdirectory("gc-").FullName;
    private AgentFixture? _agent;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync();
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public async Task Deletes_a_pod_and_secret_with_no_job_record_but_not_a_running_jobs_or_an_unmanaged_pod()
    {
        _agent = await AgentFixture.StartAsync(TestClasses.Hocon + "\nagent.kubeGCInterval = 300ms\n", gcGrace: TimeSpan.FromSeconds(1));
        var client = _agent.Client;
        var release = Path.Combine(_outside, "release");
        var job = await _agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            secrets:
              TOKEN: kept
            steps:
              - name: wait
                run: echo started; while [ ! -e {release} ]; do sleep 0.05; done
            """);
        await _agent.AwaitOutputAsync(job.Id, "started");
        var jobPod = ResourceNames.Pod(new(job.Id), 1);
        var jobSecret = ResourceNames.Secret(new(job.Id), 1);

        await StrayObjects.CreatePodAsync(client, "sched-t-orphan-1", StrayObjects.ManagedLabels("t-orphan"));
        await StrayObjects.CreateSecretAsync(client, "sched-t-orphan-1-secrets", StrayObjects.ManagedLabels("t-orphan"));
        await StrayObjects.CreatePodAsync(client, "not-ours", new Dictionary<string, string> { [SchedulerLabels.JobId] = "t-orphan" });

        await Eventually.UntilAsync(() => StrayObjects.PodExistsAsync(client, "sched-t-orphan-1"), exists => !exists, "the orphan pod to be deleted", Timeout);
        await Eventually.UntilAsync(() => StrayObjects.SecretExistsAsync(client, "sched-t-orphan-1-secrets"), exists => !exists, "the orphan secret to be deleted", Timeout);
        // Two more passes, long after the grace period of every object here, leave the others alone.
        var runs = (await StatusAsync(_agent)).Runs;
        var status = await Eventually.UntilAsync(() => StatusAsync(_agent), s => s.Runs >= runs + 2, "two more passes", Timeout);
        Assert.True(await StrayObjects.PodExistsAsync(client, jobPod));
        Assert.True(await StrayObjects.SecretExistsAsync(client, jobSecret));
        Assert.True(await StrayObjects.PodExistsAsync(client, "not-ours"));
        Assert.Equal(
            [("pod", "sched-t-orphan-1", "no record of job t-orphan"), ("secret", "sched-t-orphan-1-secrets", "no record of job t-orphan")],
            status.RecentDeletions.Select(d => (d.Kind, d.Name, d.Reason)).OrderBy(d => d.Kind));
        File.WriteAllText(release, "");
        Assert.Equal("succeeded", (await _agent.AwaitEndAsync(job.Id)).View.State);

        using var anonymous = _agent.ApiClient(token: null);
        var metrics = await MetricsTests.ScrapeAsync(anonymous);
        Assert.Equal(1, MetricsTests.Value(metrics, "scheduler_gc_deletions_total", "kind=\"pod\"", "reason=\"unknown_job\""));
        Assert.Equal(1, MetricsTests.Value(metrics, "scheduler_gc_deletions_total", "kind=\"secret\"", "reason=\"unknown_job\""));
        Assert.Equal(2, MetricsTests.Value(metrics, "scheduler_gc_deletions_total"));
    }

    [Fact]
    public async Task Deletes_what_outlived_the_threshold_even_within_the_grace_period()
    {
        _agent = await AgentFixture.StartAsync(
            TestClasses.Hocon + "\nagent { maxRunTime = 1s, kubeGCThreshold = 2s, kubeGCInterval = 300ms }\n", gcGrace: TimeSpan.FromHours(1));
        var client = _agent.Client;

        await StrayObjects.CreatePodAsync(client, "sched-t-old-1", StrayObjects.ManagedLabels("t-old"));
        await StrayObjects.CreateSecretAsync(client, "no-job-id", StrayObjects.ManagedLabels(jobId: null));

        await Eventually.UntilAsync(() => StrayObjects.PodExistsAsync(client, "sched-t-old-1"), exists => !exists, "the old pod to be deleted", Timeout);
        await Eventually.UntilAsync(() => StrayObjects.SecretExistsAsync(client, "no-job-id"), exists => !exists, "the old secret to be deleted", Timeout);
        var deletions = (await StatusAsync(_agent)).RecentDeletions;
        Assert.Equal("older than kubeGCThreshold (2s)", Assert.Single(deletions, d => d.Name == "sched-t-old-1").Reason);
        Assert.Equal("has no job id and is older than kubeGCThreshold (2s)", Assert.Single(deletions, d => d.Name == "no-job-id").Reason);
        using var anonymous = _agent.ApiClient(token: null);
        var metrics = await MetricsTests.ScrapeAsync(anonymous);
        Assert.Equal(1, MetricsTests.Value(metrics, "scheduler_gc_deletions_total", "kind=\"pod\"", "reason=\"older_than_threshold\""));
        Assert.Equal(1, MetricsTests.Value(metrics, "scheduler_gc_deletions_total", "kind=\"secret\"", "reason=\"no_job_id\""));
        Assert.Equal(0, MetricsTests.Value(metrics, "scheduler_gc_deletions_total", "kind=\"pod\"", "reason=\"job_finished\""));
    }

    [Fact]
    public async Task A_pass_on_demand_through_the_api_deletes_at_once_and_the_cli_shows_it()
    {
        _agent = await AgentFixture.StartAsync(TestClasses.Hocon + "\nagent.kubeGCInterval = 1h\n", gcGrace: TimeSpan.Zero);
        var client = _agent.Client;
        var pod = await StrayObjects.CreatePodAsync(client, "sched-t-now-1", StrayObjects.ManagedLabels("t-now"));
        using var http = _agent.ApiClient();

        using var response = await http.PostAsync(TaskRoutes.GarbageCollectorRun, null);

        response.EnsureSuccessStatusCode();
        var run = (await response.Content.ReadFromJsonAsync<GarbageCollectionRun>(ApiJson.Options))!;
        var deletion = Assert.Single(run.Deleted);
        Assert.Equal(("pod", "sched-t-now-1", pod.Metadata.Uid, "t-now", "no record of job t-now"), (deletion.Kind, deletion.Name, deletion.Uid, deletion.JobId, deletion.Reason));
        Assert.False(await StrayObjects.PodExistsAsync(client, "sched-t-now-1"));

        var status = await CliRunner.InvokeAsync("gc", "--server", _agent.Agent.ApiBaseUri.ToString(), "--token-file", TestTokens.File());
        Assert.Equal(ExitCodes.Succeeded, status.ExitCode);
        Assert.Contains("passes          1", status.Output);
        Assert.Contains("pod sched-t-now-1: no record of job t-now", status.Output);
        var again = await CliRunner.InvokeAsync("gc", "--run", "--server", _agent.Agent.ApiBaseUri.ToString(), "--token-file", TestTokens.File());
        Assert.Equal(ExitCodes.Succeeded, again.ExitCode);
        Assert.Contains("deleted 0", again.Output);
    }

    [Fact]
    public async Task When_disabled_the_status_says_so_and_a_run_is_refused()
    {
        _agent = await AgentFixture.StartAsync(TestClasses.Hocon + "\nagent.kubeGCEnabled = false\n");
        using var http = _agent.ApiClient();

        Assert.False((await StatusAsync(_agent)).Enabled);
        using var run = await http.PostAsync(TaskRoutes.GarbageCollectorRun, null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, run.StatusCode);
        Assert.Equal("garbage collector disabled", (await run.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options))!.Error);
    }

    private static async Task<GarbageCollectorStatus> StatusAsync(AgentFixture agent)
    {
        using var http = agent.ApiClient();
        return (await http.GetFromJsonAsync<GarbageCollectorStatus>(TaskRoutes.GarbageCollector, ApiJson.Options))!;
    }
}
