using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using k8s;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Pods;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>
/// Real processes (<c>deploy/local/cluster</c>: PostgreSQL, LocalKube and three <c>sched agent</c>s) and a real
/// <c>kill -9</c> (a crash) or <c>kill -TERM</c> (a drain) of the replica running the most jobs, with exec- and
/// attach-mode jobs waiting in their first step.
/// The evidence is not the agents': each step appends its job's id to a file outside the pods (run counts), the logs
/// must equal what <c>seq</c> printed, and LocalKube must be left with no pod and no secret.
/// </summary>
public sealed class ReplicaLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int JobsPerMode = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly string[] Classes = ["local/small", "local/attach"];

    private readonly GatedSteps _steps = new();
    private readonly LocalClusterScript _cluster = new(
        Directory.CreateTempSubdirectory("chaos-cluster-").FullName,
        // A crashed member is downed after 5 s of stable unreachability instead of 20 s.
        new Dictionary<string, string> { ["SCHED_akka__cluster__split-brain-resolver__stable-after"] = "5s" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _cluster.RunAsync("down");
        Directory.Delete(_cluster.StateDirectory, recursive: true);
        _steps.Dispose();
    }

    [Theory]
    [InlineData(PosixSignals.SigKill)]
    [InlineData(PosixSignals.SigTerm)]
    public async Task Jobs_of_a_lost_replica_finish_on_the_survivors_each_step_once_and_every_byte_once(int signal)
    {
        var up = await _cluster.RunAsync("up");
        Assert.True(up.ExitCode == 0, up.Output);
        using var api = TestTokens.Client(new Uri(_cluster.Env["R1"]), File.ReadAllText(Path.Combine(_cluster.StateDirectory, "operator.token")).Trim());
        using var kube = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_cluster.KubeconfigFile));

        var jobs = new List<string>();
        foreach (var resourceClass in Classes)
            for (var i = 0; i < JobsPerMode; i++)
                jobs.Add(await SubmitAsync(api, resourceClass));
        foreach (var id in jobs)
            await Eventually.UntilAsync(() => LogAsync(api, id), log => log == GatedSteps.BeforeGate, $"job {id} to print its first lines", Timeout);

        var pods = (await kube.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items;
        var busiest = pods.GroupBy(p => p.Metadata.Labels[SchedulerLabels.Replica]).MaxBy(g => g.Count())!;
        var victim = Enumerable.Range(1, 3).Single(n => busiest.Key == $"127.0.0.1-{_cluster.RemotePort(n)}");
        var orphans = busiest.Select(p => p.Metadata.Labels[SchedulerLabels.JobId]).ToArray();
        var survivor = new Uri(_cluster.Env[victim == 1 ? "R2" : "R1"]);
        using var survivorApi = TestTokens.Client(survivor, File.ReadAllText(Path.Combine(_cluster.StateDirectory, "operator.token")).Trim());

        var victimProcess = Process.GetProcessById(_cluster.Pid($"replica-{victim}"));
        var killed = Stopwatch.StartNew();
        PosixSignals.Send(victimProcess.Id, signal);
        await _steps.ReleaseAsync();
        foreach (var id in orphans)
            await Eventually.UntilAsync(() => LogAsync(survivorApi, id), log => log.EndsWith("6\n", StringComparison.Ordinal),
                $"the adopted job {id}'s output to flow again", Timeout);
        var takeover = killed.Elapsed;

        foreach (var id in jobs)
        {
            var state = await Eventually.UntilAsync(() => StateAsync(survivorApi, id), s => s is not ("queued" or "claimed" or "starting" or "running"),
                $"job {id} to end", Timeout);
            Assert.Equal("succeeded", state);
            Assert.Equal(GatedSteps.Log, await LogAsync(survivorApi, id));
        }
        Assert.Equal(jobs.Order(), (await _steps.RunsAsync()).Order());
        await Eventually.UntilAsync(async () => (await kube.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count
            + (await kube.CoreV1.ListNamespacedSecretAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Count,
            n => n == 0, "no pod and no secret to be left", Timeout);
        await victimProcess.WaitForExitAsync().WaitAsync(Timeout);
        output.WriteLine($"replica-{victim} ran {orphans.Length} of {jobs.Count} jobs; signal {signal} → their output flowing again on a survivor: {takeover.TotalSeconds:F1} s");
    }

    private async Task<string> SubmitAsync(HttpClient api, string resourceClass)
    {
        using var content = new StringContent(_steps.Yaml(resourceClass), System.Text.Encoding.UTF8, "application/yaml");
        var response = await api.PostAsync("/api/v1/tasks", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> LogAsync(HttpClient api, string id) => await api.GetStringAsync($"/api/v1/tasks/{id}/logs");

    private static async Task<string?> StateAsync(HttpClient api, string id) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}")).GetProperty("state").GetString();
}
