using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.KubectlCli;

/// <summary>
/// <c>sched localkube</c> as a user runs it: a real process serving kubectl, running a pod, and stopping on SIGTERM
/// with exit code 0 and no pod process left behind.
/// </summary>
public sealed class SchedLocalKubeCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(20);
    private readonly string _marker = "sched-cli-test-" + Guid.NewGuid().ToString("N");
    private string _directory = null!;
    private SchedLocalKubeProcess _sched = null!;

    public Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("sched-localkube-test-").FullName;
        _sched = SchedLocalKubeProcess.Start(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sched.DisposeAsync();
        MarkedProcesses.KillAll(_marker);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Serves_kubectl_runs_a_pod_and_on_SIGTERM_exits_0_leaving_no_pod_process()
    {
        var serving = await _sched.WaitForLineAsync("LocalKube is serving at", StartLimit);
        Assert.Contains($"http://127.0.0.1:{_sched.Port}", serving);
        Assert.True(File.Exists(_sched.KubeconfigPath), "kubeconfig written");
        var kubectl = new Kubectl(_sched.KubeconfigPath);

        var nodes = await kubectl.RunAsync("get", "nodes");
        Assert.True(nodes.ExitCode == 0, nodes.ToString());
        Assert.Contains("localkube-node", nodes.Stdout);

        var apply = await kubectl.RunAsync(["apply", "-f", "-"], PodYaml("sleeper", _marker), timeout: null);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var ready = await kubectl.RunAsync("wait", "--for=jsonpath={.status.phase}=Running", "pod/sleeper", "--timeout=30s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        await Eventually.UntilAsync(() => MarkedProcesses.Find(_marker).Count > 0, "the pod's sleep process to be visible");

        _sched.SendSigterm();

        Assert.True(await _sched.WaitForExitAsync(StopLimit), $"sched localkube did not exit within {StopLimit} of SIGTERM");
        Assert.True(_sched.ExitCode == 0, $"exit code {_sched.ExitCode}\n{await _sched.OutputAsync()}");
        // SIGTERM went to the pod's whole process group before the exit; allow the kernel a moment to finish it off.
        await Eventually.UntilAsync(() => MarkedProcesses.Find(_marker).Count == 0, "no pod process left", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SIGTERMs_that_keep_arriving_while_it_stops_still_end_in_exit_0()
    {
        await _sched.WaitForLineAsync("LocalKube is serving at", StartLimit);

        // A supervisor that repeats SIGTERM: each one after the first lands while LocalKube is already stopping.
        using var deadline = new CancellationTokenSource(StopLimit);
        while (!_sched.HasExited && !deadline.IsCancellationRequested)
        {
            _sched.SendSigterm();
            await _sched.WaitForExitAsync(TimeSpan.FromMilliseconds(5));
        }

        Assert.True(await _sched.WaitForExitAsync(StopLimit), $"sched localkube did not exit within {StopLimit} of SIGTERM");
        Assert.True(_sched.ExitCode == 0, $"exit code {_sched.ExitCode}\n{await _sched.OutputAsync()}");
    }

    private static string PodYaml(string name, string marker) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox:1.36
            command: ["sleep", "300"]
            env:
            - name: SCHED_TEST_MARKER
              value: {marker}
        """;
}
