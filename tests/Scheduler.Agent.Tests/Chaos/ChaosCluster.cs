using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using k8s;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>
/// What every chaos scenario starts with and checks at its end: <c>deploy/local/cluster</c> (PostgreSQL, LocalKube,
/// three <c>sched agent</c> processes), <see cref="GatedSteps"/> jobs, and the evidence the agents did not write:
/// the run counter, the logs against what <c>seq</c> printed, and LocalKube's pods and secrets.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly List<HttpClient> _clients = [];
    private Kubernetes? _kube;

    public ChaosCluster(IReadOnlyDictionary<string, string>? environment = null) =>
        Script = new LocalClusterScript(Directory.CreateTempSubdirectory("chaos-cluster-").FullName, environment);

    public LocalClusterScript Script { get; }
    public GatedSteps Steps { get; } = new();
    public Kubernetes Kube => _kube!;

    public async Task UpAsync()
    {
        var up = await Script.RunAsync("up");
        Assert.True(up.ExitCode == 0, up.Output);
        _kube = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Script.KubeconfigFile));
    }

    /// <summary>An operator's client for replica <paramref name="n"/> (1-3).</summary>
    public HttpClient Api(int n)
    {
        var client = TestTokens.Client(new Uri(Script.Env[$"R{n}"]), File.ReadAllText(Path.Combine(Script.StateDirectory, "operator.token")).Trim());
        client.Timeout = TimeSpan.FromSeconds(10);
        _clients.Add(client);
        return client;
    }

    public Task<string> SubmitAsync(HttpClient api, string resourceClass) => SubmitYamlAsync(api, Steps.Yaml(resourceClass));

    public static async Task<string> SubmitYamlAsync(HttpClient api, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        var response = await api.PostAsync("/api/v1/tasks", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<List<string>> SubmitAsync(HttpClient api, int perClass, params string[] classes)
    {
        var jobs = new List<string>();
        for (var i = 0; i < perClass; i++)
            foreach (var resourceClass in classes)
                jobs.Add(await SubmitAsync(api, resourceClass));
        return jobs;
    }

    public async Task AwaitFirstLinesAsync(HttpClient api, IEnumerable<string> jobs)
    {
        foreach (var id in jobs)
            await Eventually.UntilAsync(() => LogAsync(api, id), log => log == GatedSteps.BeforeGate, $"job {id} to print its first lines", Timeout);
    }

    /// <summary>The job's stored log, or null while the replica cannot answer (it is down, or its database is).</summary>
    public static async Task<string?> LogAsync(HttpClient api, string id)
    {
        try
        {
            using var response = await api.GetAsync($"/api/v1/tasks/{id}/logs");
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public static async Task<string?> StateAsync(HttpClient api, string id)
    {
        try
        {
            using var response = await api.GetAsync($"/api/v1/tasks/{id}");
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Awaits until the output of each of <paramref name="jobs"/> reaches its last line; returns how long since <paramref name="since"/>.</summary>
    public static async Task<TimeSpan> AwaitOutputFlowingAsync(HttpClient api, IEnumerable<string> jobs, Stopwatch since)
    {
        foreach (var id in jobs)
            await Eventually.UntilAsync(() => LogAsync(api, id), log => log?.EndsWith("6\n", StringComparison.Ordinal) == true,
                $"job {id}'s output to flow again", Timeout);
        return since.Elapsed;
    }

    /// <summary>
    /// Waits (bounded) until every job has ended, measures the outcome from the evidence, adds its row to
    /// <see cref="ChaosSummary"/>, writes the table to <paramref name="output"/>, then asserts: every job succeeded
    /// with exactly its log, each step ran once, and nothing is left in LocalKube.
    /// </summary>
    public async Task FinishAsync(string scenario, HttpClient api, IReadOnlyList<string> jobs, TimeSpan? takeover, Action<string> output,
        string expectedLog = GatedSteps.Log)
    {
        var deadline = Stopwatch.StartNew();
        var states = new Dictionary<string, string?>();
        foreach (var id in jobs)
        {
            string? state;
            while ((state = await StateAsync(api, id)) is null or "queued" or "claimed" or "starting" or "running" && deadline.Elapsed < Timeout)
                await Task.Delay(100);
            states[id] = state;
        }
        var logs = new Dictionary<string, string?>();
        foreach (var id in jobs)
            logs[id] = await LogAsync(api, id);
        var runs = await Steps.RunsAsync();

        var succeeded = jobs.Count(id => states[id] == "succeeded" && logs[id] == expectedLog);
        var row = new ChaosRow(scenario, jobs.Count, succeeded, jobs.Count - succeeded,
            logs.Values.Sum(log => Math.Max(0L, Encoding.UTF8.GetByteCount(log ?? "") - expectedLog.Length)),
            runs.Length - runs.Distinct().Count(), takeover?.TotalSeconds);
        output(ChaosSummary.Record(row));

        foreach (var id in jobs)
        {
            Assert.True(states[id] == "succeeded", $"job {id} ended {states[id] ?? "(no answer)"}");
            Assert.Equal(expectedLog, logs[id]);
        }
        Assert.Equal(jobs.Order(), runs.Order());
        await Eventually.UntilAsync(async () => (await Kube.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count
            + (await Kube.CoreV1.ListNamespacedSecretAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count,
            n => n == 0, "no pod and no secret to be left", Timeout);
    }

    /// <summary>Replica n's pods' <c>scheduler.dev/replica</c> label value.</summary>
    public string ReplicaLabel(int n) => $"{Script.Address(n)}-{Script.RemotePort(n)}";

    /// <summary>The jobs of the managed pods replica <paramref name="n"/> (1-3) runs.</summary>
    public async Task<string[]> JobsOnAsync(int n) =>
        (await Kube.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items
        .Where(p => p.Metadata.Labels[SchedulerLabels.Replica] == ReplicaLabel(n))
        .Select(p => p.Metadata.Labels[SchedulerLabels.JobId]).ToArray();

    /// <summary>The replica (1-3) running the most of the managed pods, and the jobs of those pods.</summary>
    public async Task<(int Replica, string[] Jobs)> BusiestAsync()
    {
        var pods = (await Kube.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items;
        var busiest = pods.GroupBy(p => p.Metadata.Labels[SchedulerLabels.Replica]).MaxBy(g => g.Count())!;
        var replica = Enumerable.Range(1, 3).Single(n => busiest.Key == ReplicaLabel(n));
        return (replica, busiest.Select(p => p.Metadata.Labels[SchedulerLabels.JobId]).ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        _kube?.Dispose();
        await Script.RunAsync("down");
        // LocalKube kills its pods' processes as it stops, but `down` SIGKILLs a LocalKube still stopping after 15 s
        // (100 pods on a loaded machine), and a step left behind would poll its gate forever.
        var marker = $"EFFECTS={Steps.Directory}\0";
        await Eventually.UntilAsync(() =>
        {
            HostProcesses.KillMarked(marker);
            return HostProcesses.WithMarker(marker).Count == 0;
        }, "no step process to be left", Timeout);
        // SCHED_CHAOS_KEEP=1 keeps the agents' and LocalKube's logs for a look after a failure.
        if (Environment.GetEnvironmentVariable("SCHED_CHAOS_KEEP") != "1")
            Directory.Delete(Script.StateDirectory, recursive: true);
        Steps.Dispose();
    }
}
