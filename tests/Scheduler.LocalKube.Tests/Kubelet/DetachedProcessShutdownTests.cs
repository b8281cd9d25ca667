using k8s;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

/// <summary>LocalKube going away ends detached processes as well, and <c>kubectl exec</c> processes carry LocalKube's mark.</summary>
public sealed class DetachedProcessShutdownTests : IDisposable
{
    private readonly string _marker = "detached-shutdown-test-" + Guid.NewGuid().ToString("N");

    public void Dispose() => MarkedProcesses.KillAll(_marker);

    [Fact]
    public async Task Disposing_LocalKube_kills_a_process_a_pod_detached_with_setsid()
    {
        await using var kube = await LocalKubeFixture.StartAsync();
        await kube.Client.CoreV1.CreateNamespacedPodAsync(
            Objects.Pod("detacher", command: $"MARK={_marker} setsid sh -c 'sleep 300' >/dev/null 2>&1 & sleep 300"), "default");
        await Eventually.UntilAsync(() => MarkedProcesses.Find(_marker).Count > 0, "the detached process to run");

        await ((IAsyncDisposable)kube).DisposeAsync();

        Assert.Empty(MarkedProcesses.Find(_marker));
    }

    [Fact]
    public async Task Kubectl_delete_kills_a_process_a_kubectl_exec_detached_with_setsid()
    {
        await using var kube = await LocalKubeFixture.StartAsync();
        await kube.Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("host", command: "sleep 300"), "default");
        var ready = await kube.Kubectl.RunAsync("wait", "--for=condition=Ready", "pod/host", "--timeout=20s");
        Assert.True(ready.ExitCode == 0, ready.ToString());

        var exec = await kube.Kubectl.RunAsync("exec", "host", "--", "sh", "-c", $"MARK={_marker} setsid sh -c 'sleep 300' >/dev/null 2>&1 &");
        Assert.True(exec.ExitCode == 0, exec.ToString());
        await Eventually.UntilAsync(() => MarkedProcesses.Find(_marker).Count > 0, "the detached process to run");

        var delete = await kube.Kubectl.RunAsync("delete", "pod", "host", "--grace-period=2", "--wait=true");
        Assert.True(delete.ExitCode == 0, delete.ToString());

        Assert.Empty(MarkedProcesses.Find(_marker));
    }
}
