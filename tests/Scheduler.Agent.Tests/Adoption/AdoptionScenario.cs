using System.Text;
using k8s;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Scheduler.Cli.Client;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.Adoption;

/// <summary>
/// One test's world: an agent process (restartable on the same data directory and config) in one execution mode,
/// talked to over HTTP, plus a directory outside every pod where step scripts leave evidence (run counts).
/// Every task carries a unique marker in its environment, so the pod's host processes can be found in /proc.
/// </summary>
public sealed class AdoptionScenario : IAsyncDisposable
{
    private const string Namespace = "default";
    private readonly AdoptionCluster _cluster;
    private readonly string _directory;
    private readonly string _configFile;
    private readonly List<string> _jobIds = new();
    private SchedulerClient? _client;

    private AdoptionScenario(AdoptionCluster cluster, string mode)
    {
        _cluster = cluster;
        Mode = mode;
        _directory = Directory.CreateTempSubdirectory($"adopt-{mode}-").FullName;
        Directory.CreateDirectory(EffectsDirectory);
        _configFile = Path.Combine(_directory, "agent.conf");
        File.WriteAllText(_configFile, $$"""
            agent.resourceClasses {
              "{{ResourceClass}}" { token = "{{Token}}", execution = {{mode}} }
            }
            """);
    }

    public string Mode { get; }

    public string ResourceClass => $"adopt/{Mode}";

    private string Token => $"adopt-{Mode}-token";

    /// <summary>In every task's environment: finds the pod's processes, and nothing else's.</summary>
    public string Marker { get; } = $"adopt-{Guid.NewGuid():N}";

    /// <summary>Where steps write side effects (as <c>$EFFECTS</c>); outside LocalKube's pod directories.</summary>
    public string EffectsDirectory => Path.Combine(_directory, "effects");

    public AgentProcess Agent { get; private set; } = null!;

    public SchedulerClient Client => _client ?? throw new InvalidOperationException("no agent is running");

    public LocalKube.LocalKubeServer Kube => _cluster.Kube;

    public static async Task<AdoptionScenario> StartAsync(AdoptionCluster cluster, string mode)
    {
        var scenario = new AdoptionScenario(cluster, mode);
        try
        {
            await scenario.StartAgentAsync();
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a new agent process on the same data directory and config (a new API port).</summary>
    public async Task StartAgentAsync()
    {
        if (Agent is { HasExited: false })
            throw new InvalidOperationException("the previous agent is still running");
        if (Agent is not null)
            await Agent.DisposeAsync();
        _client?.Dispose();
        _client = null;
        Agent = await AgentProcess.StartAsync(_configFile, Path.Combine(_directory, "data"), _cluster.KubeconfigFile);
        _client = new SchedulerClient(Agent.ApiBaseUri, Token);
    }

    /// <summary>Submits a task of this scenario's class with the marker, <c>$EFFECTS</c> and one secret in its environment.</summary>
    public async Task<JobView> SubmitAsync(IReadOnlyList<(string Name, string Run)> steps, string? timeout = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"resource_class: {ResourceClass}");
        yaml.AppendLine("environment:");
        yaml.AppendLine($"  ADOPT_MARKER: {Marker}");
        yaml.AppendLine($"  EFFECTS: {EffectsDirectory}");
        yaml.AppendLine("secrets:");
        yaml.AppendLine("  ADOPT_SECRET: not-printed");
        if (timeout is not null)
            yaml.AppendLine($"timeout: {timeout}");
        yaml.AppendLine("steps:");
        foreach (var (name, run) in steps)
        {
            yaml.AppendLine($"  - name: {name}");
            yaml.AppendLine("    run: |");
            foreach (var line in run.Split('\n'))
                yaml.AppendLine("      " + line);
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var job = await Client.SubmitAsync(yaml.ToString(), cts.Token);
        _jobIds.Add(job.Id);
        return job;
    }

    public async Task<JobView> GetAsync(string jobId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Client.GetAsync(jobId, cts.Token);
    }

    /// <summary>The log as stored now (<c>GET …/logs</c> without follow).</summary>
    public async Task<string> StoredLogAsync(string jobId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var text = new StringWriter();
        await Client.CopyLogAsync(jobId, 0, follow: false, text, cts.Token);
        return text.ToString();
    }

    /// <summary>Waits until the stored log satisfies <paramref name="condition"/>; gives up at once if the job ends first.</summary>
    public Task<string> AwaitLogAsync(string jobId, Func<string, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(async () =>
        {
            var log = await StoredLogAsync(jobId);
            if (!condition(log) && await GetAsync(jobId) is { IsTerminal: true } ended)
                throw new GiveUpException($"the job ended {Describe(ended)} before its log showed {what}; log: {log}");
            return log;
        }, condition, $"{what} in the log of {jobId}", timeout);

    public Task<string> AwaitLogContainsAsync(string jobId, string text) =>
        AwaitLogAsync(jobId, log => log.Contains(text, StringComparison.Ordinal), $"\"{text}\"");

    /// <summary>Waits until the job's view satisfies <paramref name="condition"/>; gives up at once if the job ends without it.</summary>
    public Task<JobView> AwaitViewAsync(string jobId, Func<JobView, bool> condition, string what) =>
        Eventually.UntilAsync(async () =>
        {
            var view = await GetAsync(jobId);
            if (!condition(view) && view.IsTerminal)
                throw new GiveUpException($"the job ended {Describe(view)} before {what}");
            return view;
        }, condition, what);

    /// <summary>Waits for the job to end, then reads its whole log (followed until the agent marks it complete).</summary>
    public async Task<(JobView View, string Log)> AwaitEndAsync(string jobId, TimeSpan? timeout = null)
    {
        JobView view;
        try
        {
            view = await Eventually.UntilAsync(() => GetAsync(jobId), v => v.IsTerminal, $"job {jobId} to end", timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nthe agent's output ends with:\n{Agent.OutputTail(4000)}", e);
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var log = new StringWriter();
        await Client.CopyLogAsync(jobId, 0, follow: true, log, cts.Token);
        return (view, log.ToString());
    }

    /// <summary>How many times a step recorded a run in <c>$EFFECTS/&lt;name&gt;</c> (0 when it never ran).</summary>
    public int RunCount(string effect)
    {
        var path = EffectPath(effect);
        return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
    }

    public string EffectPath(string effect) => Path.Combine(EffectsDirectory, effect);

    /// <summary>A file of the step in the pod's <c>scheduler-steps</c> emptyDir (<c>{index}.{kind}</c>), as LocalKube lays it out on the host.</summary>
    public async Task<string> StepFileAsync(string podName, int stepIndex, string kind)
    {
        var pod = await _cluster.Client.CoreV1.ReadNamespacedPodAsync(podName, Namespace);
        return Path.Combine(_cluster.DataDirectory, "pods", $"{Namespace}_{podName}_{pod.Metadata.Uid}",
            "volumes", "scheduler-steps", $"{stepIndex}.{kind}");
    }

    /// <summary>The agent cleaned up after the job: no pod, no secret, and no process of the pod is left.</summary>
    public async Task AssertNothingLeftAsync(string jobId)
    {
        var selector = $"{SchedulerLabels.JobId}={LabelValue.Sanitize(jobId)}";
        await Eventually.UntilAsync(async () =>
                (await _cluster.Client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: selector)).Items.Select(p => p.Metadata.Name).ToList(),
            pods => pods.Count == 0, $"the pods of {jobId} to be deleted");
        await Eventually.UntilAsync(async () =>
                (await _cluster.Client.CoreV1.ListNamespacedSecretAsync(Namespace, labelSelector: selector)).Items.Select(s => s.Metadata.Name).ToList(),
            secrets => secrets.Count == 0, $"the secrets of {jobId} to be deleted");
        await Eventually.UntilAsync(() => Task.FromResult(HostProcesses.WithMarker(Marker)),
            pids => pids.Count == 0, $"every process of {jobId}'s pod to end");
    }

    public static string Describe(JobView view) =>
        $"{view.State} (reason: {view.FailureReason ?? "none"}; steps: {string.Join(", ", view.Steps.Select(s => $"{s.Name}={s.State}/{s.ExitCode?.ToString() ?? "-"}"))})";

    /// <summary>After a failed test: removes what the agent did not, so the shared LocalKube starts the next test clean.</summary>
    private async Task DeleteLeftoversAsync()
    {
        foreach (var jobId in _jobIds)
        {
            var selector = $"{SchedulerLabels.JobId}={LabelValue.Sanitize(jobId)}";
            await _cluster.Client.CoreV1.DeleteCollectionNamespacedPodAsync(Namespace, labelSelector: selector, gracePeriodSeconds: 0);
            await _cluster.Client.CoreV1.DeleteCollectionNamespacedSecretAsync(Namespace, labelSelector: selector);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null)
            await Agent.DisposeAsync();
        _client?.Dispose();
        _cluster.Kube.Faults.Clear();
        await DeleteLeftoversAsync();
        HostProcesses.KillMarked(Marker);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pod process killed just now may still be closing a file in it.
        }
    }
}
