using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary><c>GET /metrics</c> (no token) as Prometheus scrapes it, before and after a job runs.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private const string Class = "local/small";

    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync();

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task A_finished_job_moves_the_claim_outcome_and_latency_metrics_and_the_class_gauges_are_exported()
    {
        using var anonymous = _agent.ApiClient(token: null);
        var before = await ScrapeAsync(anonymous);

        var job = await _agent.SubmitAsync($"resource_class: {Class}\nsteps: [echo measured]\n");
        Assert.Equal(JobStates.Succeeded, (await _agent.AwaitEndAsync(job.Id)).View.State);
        var after = await ScrapeAsync(anonymous);

        var cls = $"class=\"{Class}\"";
        Assert.Equal(0, Value(before, "scheduler_job_claims_total", cls));
        Assert.Equal(1, Value(after, "scheduler_job_claims_total", cls));
        Assert.Equal(1, Value(after, "scheduler_jobs_finished_total", cls, "outcome=\"succeeded\""));
        Assert.Equal(1, Value(after, "scheduler_job_submit_to_claim_seconds_count", cls));
        Assert.Equal(1, Value(after, "scheduler_job_claim_to_running_seconds_count", cls));
        Assert.Equal(1, Value(after, "scheduler_job_duration_seconds_count", cls, "outcome=\"succeeded\""));
        Assert.Equal(10, Value(after, "scheduler_class_limit", cls));
        Assert.Equal(0, Value(after, "scheduler_class_queued_tasks", cls));
        Assert.Equal(0, Value(after, "scheduler_class_running_tasks", cls));
        Assert.Equal(1, Value(after, "scheduler_class_enabled", cls));
        Assert.Equal(0, Value(after, "scheduler_class_constraint_failures", cls));
    }

    [Fact]
    public async Task The_Kubernetes_API_calls_of_a_job_and_the_cluster_members_are_exported()
    {
        using var anonymous = _agent.ApiClient(token: null);
        var before = await ScrapeAsync(anonymous);

        var job = await _agent.SubmitAsync($"resource_class: {Class}\nsecrets: {{TOKEN: s3cr3t}}\nsteps: [echo one, echo two]\n");
        Assert.Equal(JobStates.Succeeded, (await _agent.AwaitEndAsync(job.Id)).View.State);
        var after = await ScrapeAsync(anonymous);

        Assert.Equal(1, Value(after, "scheduler_kube_requests_total", "verb=\"create\"", "resource=\"pods\"", "code=\"201\"")
            - Value(before, "scheduler_kube_requests_total", "verb=\"create\"", "resource=\"pods\"", "code=\"201\""));
        Assert.Equal(1, Value(after, "scheduler_kube_requests_total", "verb=\"create\"", "resource=\"secrets\"", "code=\"201\"")
            - Value(before, "scheduler_kube_requests_total", "verb=\"create\"", "resource=\"secrets\"", "code=\"201\""));
        Assert.True(Value(after, "scheduler_kube_requests_total", "verb=\"create\"", "resource=\"pods/exec|attach\"", "code=\"101\"") >= 2,
            "each step's exec shows as a WebSocket opened (101)");
        Assert.True(Value(after, "scheduler_kube_requests_total", "verb=\"watch\"", "resource=\"pods\"", "code=\"200\"") >= 1, "the shared pod watch");
        Assert.Equal(0, Value(after, "scheduler_kube_retries_total"));
        Assert.Equal(1, Value(after, "scheduler_cluster_members", "status=\"Up\""));
        Assert.Equal(0, Value(after, "scheduler_cluster_members", "status=\"Joining\""));
        Assert.Equal(0, Value(after, "scheduler_cluster_unreachable_members"));
    }

    [Fact]
    public async Task Steps_are_counted_by_execution_mode_and_outcome()
    {
        using var anonymous = _agent.ApiClient(token: null);

        var exec = await _agent.SubmitAsync($"resource_class: {Class}\nsteps: [echo fine, exit 3]\n");
        var attach = await _agent.SubmitAsync("resource_class: local/attach\nsteps: [echo attached]\n");
        Assert.Equal(JobStates.Failed, (await _agent.AwaitEndAsync(exec.Id)).View.State);
        Assert.Equal(JobStates.Succeeded, (await _agent.AwaitEndAsync(attach.Id)).View.State);
        var after = await ScrapeAsync(anonymous);

        Assert.Equal(1, Value(after, "scheduler_steps_total", "mode=\"exec\"", "outcome=\"succeeded\""));
        Assert.Equal(1, Value(after, "scheduler_steps_total", "mode=\"exec\"", "outcome=\"failed\""));
        Assert.Equal(1, Value(after, "scheduler_steps_total", "mode=\"attach\"", "outcome=\"succeeded\""));
        Assert.Equal(0, Value(after, "scheduler_steps_total", "mode=\"attach\"", "outcome=\"failed\""));
    }

    internal static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>; 0 when absent.</summary>
    internal static double Value(string exposition, string metric, params string[] labels) =>
        Regex.Matches(exposition, $@"^{metric}(\{{(?<labels>[^}}]*)\}})? (?<value>\S+)$", RegexOptions.Multiline)
            .Where(sample => labels.All(sample.Groups["labels"].Value.Contains))
            .Sum(sample => double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture));
}
