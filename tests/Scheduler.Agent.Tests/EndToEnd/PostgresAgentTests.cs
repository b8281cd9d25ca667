using System.Net;
using System.Net.Http.Json;
using System.Text;
using k8s;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// The whole agent (journal, snapshots, job views and logs) on a fresh PostgreSQL database instead of SQLite,
/// against a real LocalKube; then a second agent on the same database reads the finished job back.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAgentTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string TwoSteps = """
        resource_class: local/small
        steps:
          - name: first
            run: echo "first step on postgres"
          - name: second
            run: echo "second step on postgres"
        """;

    private string _directory = "";
    private LocalKubeServer _kube = null!;
    private AgentHostSettings _settings = null!;
    private AgentHost? _agent;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("agent-pg-e2e-").FullName;
        _kube = await LocalKubeServer.StartAsync(new LocalKubeOptions { DataDirectory = Path.Combine(_directory, "kube") });
        _settings = new AgentHostSettings
        {
            DataDirectory = Path.Combine(_directory, "data"),
            ApiUrl = "http://127.0.0.1:0",
            ConsoleListen = "127.0.0.1:0",
            Kube = _kube.ClientConfiguration(),
            Environment = TestTokens.WithOperator(await postgres.AgentEnvironmentAsync("agent")),
        };
        _agent = await AgentHost.StartAsync(_settings);
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync();
        await _kube.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_task_runs_to_success_on_PostgreSQL_and_stays_readable_after_a_restart()
    {
        var submitted = await Agent.Jobs.SubmitAsync(Parse(TwoSteps), CancellationToken.None);

        var (view, log) = await AwaitEndAsync(submitted.Id);

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Equal(["first", "second"], view.Steps.Select(s => s.Name));
        Assert.All(view.Steps, s => Assert.Equal(0, s.ExitCode));
        Assert.NotNull(view.PodName);
        Assert.True(view.ClaimedAt <= view.PodCreatedAt && view.PodCreatedAt <= view.RunningAt && view.RunningAt <= view.FinishedAt,
            $"timestamps out of order: claimed {view.ClaimedAt:O}, pod {view.PodCreatedAt:O}, running {view.RunningAt:O}, finished {view.FinishedAt:O}");
        Assert.Contains("first step on postgres", log);
        Assert.Contains("second step on postgres", log);
        Assert.False(File.Exists(Path.Combine(_settings.DataDirectory!, "journal.db")));
        Assert.False(File.Exists(Path.Combine(_settings.DataDirectory!, "views.db")));
        Assert.False(File.Exists(Path.Combine(_settings.DataDirectory!, "logs.db")));
        using var client = _kube.CreateClient();
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items);
        Assert.Empty((await client.CoreV1.ListNamespacedSecretAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items);

        await RestartAgentAsync();

        using var http = TestTokens.Client(Agent.ApiBaseUri, timeout: TimeSpan.FromSeconds(30));
        var viewResponse = await http.GetAsync(TaskRoutes.Task(submitted.Id));
        Assert.Equal(HttpStatusCode.OK, viewResponse.StatusCode);
        var reread = await viewResponse.Content.ReadFromJsonAsync<JobView>(ApiJson.Options);
        Assert.NotNull(reread);
        Assert.Equal(JobStates.Succeeded, reread.State);
        Assert.Equal(view.PodName, reread.PodName);
        Assert.Equal(view.Steps.Select(s => (s.Name, s.ExitCode)), reread.Steps.Select(s => (s.Name, s.ExitCode)));
        var logResponse = await http.GetAsync(TaskRoutes.Logs(submitted.Id));
        Assert.Equal(HttpStatusCode.OK, logResponse.StatusCode);
        Assert.Equal("true", logResponse.Headers.GetValues(TaskRoutes.LogCompleteHeader).Single());
        Assert.Equal(log, await logResponse.Content.ReadAsStringAsync());
    }

    private AgentHost Agent => _agent ?? throw new InvalidOperationException("the agent is not running");

    /// <summary>Stops the agent the way a shutdown does and starts a new one on the same database.</summary>
    private async Task RestartAgentAsync()
    {
        var stopping = Agent;
        _agent = null;
        await stopping.DisposeAsync();
        _agent = await AgentHost.StartAsync(_settings);
    }

    /// <summary>Follows the job's log to its end (the job's last act), then returns its final view and log text.</summary>
    private async Task<(JobView View, string Log)> AwaitEndAsync(string jobId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var log = new MemoryStream();
        await foreach (var logEvent in Agent.LogFollower.ReadAsync(jobId, 0, follow: true, cts.Token))
            log.Write(logEvent.Data ?? []);
        var view = await Agent.Jobs.GetAsync(jobId, cts.Token);
        Assert.NotNull(view);
        return (view, Encoding.UTF8.GetString(log.ToArray()));
    }

    private static TaskSpec Parse(string yaml)
    {
        var parsed = TaskSpecParser.Parse(yaml);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Spec;
    }
}
