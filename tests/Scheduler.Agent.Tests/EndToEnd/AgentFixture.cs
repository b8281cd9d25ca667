using System.Collections;
using k8s;
using Scheduler.Agent;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// A real one-replica agent (Akka cluster of one, SQLite in a temp dir, HTTP API on a free port) against a
/// real in-process LocalKube. Optional HOCON text is layered over the built-in defaults.
/// </summary>
public sealed class AgentFixture : IAsyncDisposable
{
    private readonly string _directory;

    private readonly AgentHostSettings _settings;

    private AgentFixture(string directory, LocalKubeServer kube, AgentHost agent, AgentHostSettings settings)
    {
        _directory = directory;
        _settings = settings;
        Kube = kube;
        Agent = agent;
        Client = kube.CreateClient();
    }

    public LocalKubeServer Kube { get; }
    public AgentHost Agent { get; private set; }
    public IKubernetes Client { get; }

    public static async Task<AgentFixture> StartAsync(
        string? hocon = null, LocalKubeOptions? kubeOptions = null, TimeSpan? reconcileInterval = null, TimeSpan? gcGrace = null, IDictionary? environment = null,
        string consoleListen = "127.0.0.1:0")
    {
        var directory = Directory.CreateTempSubdirectory("agent-e2e-").FullName;
        string? configFile = null;
        if (hocon is not null)
        {
            configFile = Path.Combine(directory, "agent.conf");
            await File.WriteAllTextAsync(configFile, hocon);
        }

        var kube = await LocalKubeServer.StartAsync(kubeOptions ?? new LocalKubeOptions { DataDirectory = Path.Combine(directory, "kube") });
        try
        {
            var settings = new AgentHostSettings
            {
                ConfigFile = configFile,
                DataDirectory = Path.Combine(directory, "data"),
                ApiUrl = "http://127.0.0.1:0",
                ConsoleListen = consoleListen,
                Kube = kube.ClientConfiguration(),
                Environment = TestTokens.WithOperator(environment),
                ReconcileInterval = reconcileInterval,
                GarbageCollectionGrace = gcGrace,
            };
            return new AgentFixture(directory, kube, await AgentHost.StartAsync(settings), settings);
        }
        catch
        {
            await kube.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client of the agent's API presenting <paramref name="token"/> (the operator's by default).</summary>
    public HttpClient ApiClient(string? token = TestTokens.Operator) => TestTokens.Client(Agent.ApiBaseUri, token);

    /// <summary>Stops the agent the way a shutdown does and starts a new one on the same data directory.</summary>
    public async Task RestartAgentAsync()
    {
        await Agent.DisposeAsync();
        Agent = await AgentHost.StartAsync(_settings);
    }

    public Task<JobView> SubmitAsync(string yaml)
    {
        var parsed = TaskSpecParser.Parse(yaml);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return Agent.Jobs.SubmitAsync(parsed.Spec, CancellationToken.None);
    }

    /// <summary>Follows the job's log to its end (the job's last act), then returns its final view and log text.</summary>
    public async Task<(JobView View, string Log)> AwaitEndAsync(string jobId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var log = new MemoryStream();
        await foreach (var logEvent in Agent.LogFollower.ReadAsync(jobId, 0, follow: true, cts.Token))
            log.Write(logEvent.Data ?? []);
        var view = await Agent.Jobs.GetAsync(jobId, cts.Token);
        Assert.NotNull(view);
        return (view, System.Text.Encoding.UTF8.GetString(log.ToArray()));
    }

    /// <summary>Follows the job's log until <paramref name="text"/> has appeared (the step is under way).</summary>
    public async Task AwaitOutputAsync(string jobId, string text)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new System.Text.StringBuilder();
        await foreach (var logEvent in Agent.LogFollower.ReadAsync(jobId, 0, follow: true, cts.Token))
        {
            seen.Append(System.Text.Encoding.UTF8.GetString(logEvent.Data ?? []));
            if (seen.ToString().Contains(text))
                return;
        }

        Assert.Fail($"the job's log ended without \"{text}\": {seen}");
    }

    /// <summary>Writes LocalKube's kubeconfig into the fixture's directory (removed with it) for command-line tools.</summary>
    public string WriteKubeconfig()
    {
        var path = Path.Combine(_directory, "kubeconfig");
        Kube.WriteKubeconfig(path);
        return path;
    }

    public async Task<int> ManagedPodCountAsync() =>
        (await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count;

    public async Task<int> ManagedSecretCountAsync() =>
        (await Client.CoreV1.ListNamespacedSecretAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count;

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Kube.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
