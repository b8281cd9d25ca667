using k8s;
using Scheduler.LocalKube.Tests.Kubelet.Support;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

/// <summary>
/// Processes that detach into a new session (<c>setsid</c>) leave the container's process group, but like a kubelet
/// killing the container's cgroup, LocalKube still ends them with the container.
/// </summary>
public sealed class DetachedProcessTests(KubeletHostFixture fixture) : IClassFixture<KubeletHostFixture>, IDisposable
{
    private readonly string _marker = "detached-test-" + Guid.NewGuid().ToString("N");

    private KubeletHost Host => fixture.Host;

    /// <summary>Starts a detached <c>sleep 300</c> in a new session that carries <see cref="_marker"/> in its environment.</summary>
    private string Detach(string redirect = ">/dev/null 2>&1 </dev/null") => $"MARK={_marker} setsid sh -c 'sleep 300' {redirect} &";

    public void Dispose() => MarkedProcesses.KillAll(_marker);

    [Fact]
    public async Task Deleting_the_pod_kills_a_process_its_container_detached_with_setsid()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("setsid"), $"{Detach()} sleep 300"));
        await DetachedProcessRunsAsync();

        await StopWithinLimitAsync(name);

        Assert.Empty(MarkedProcesses.Find(_marker));
    }

    [Fact]
    public async Task A_detached_process_that_holds_the_containers_output_does_not_keep_the_pod_from_stopping()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("setsid-pipe"), $"{Detach(redirect: "")} sleep 300"));
        await DetachedProcessRunsAsync();

        await StopWithinLimitAsync(name);

        Assert.Empty(MarkedProcesses.Find(_marker));
    }

    [Fact]
    public async Task A_process_an_exec_detached_outlives_the_exec_but_not_the_pod()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("exec-setsid"), "sleep 300"));
        await Host.Cluster.WaitForPodAsync(name, p => p.IsRunning(), "running");

        using var client = Host.CreateClient();
        var exitCode = await client.NamespacedPodExecAsync(name, "default", "main", ["sh", "-c", Detach()], false,
            (_, _, _) => Task.CompletedTask, CancellationToken.None);
        Assert.Equal(0, exitCode);
        await DetachedProcessRunsAsync();

        await StopWithinLimitAsync(name);

        Assert.Empty(MarkedProcesses.Find(_marker));
    }

    [Fact]
    public async Task ActiveDeadlineSeconds_kills_a_detached_process()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("setsid-deadline"), $"{Detach()} sleep 300",
            spec: s => (s.ActiveDeadlineSeconds, s.TerminationGracePeriodSeconds) = (1, 1)));
        await DetachedProcessRunsAsync();

        await Host.Cluster.WaitForPodAsync(name, p => p.MainContainer().State.Terminated is not null, "terminated by the deadline");

        Assert.Empty(MarkedProcesses.Find(_marker));
    }

    [Fact]
    public async Task Node_loss_kills_a_detached_process()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("setsid-lost"), $"{Detach()} sleep 300"));
        await DetachedProcessRunsAsync();

        Host.Kubelet.FailPod("default", name, "NodeLost", "node node-1 was deleted");

        await Host.Cluster.WaitForPodAsync(name, p => p.MainContainer().State.Terminated is not null, "terminated");
        Assert.Empty(MarkedProcesses.Find(_marker));
    }

    [Fact]
    public async Task A_detached_process_ends_with_the_main_process_that_started_it()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("setsid-exit"), $"{Detach()} until [ -e go ]; do sleep 0.05; done"));
        await DetachedProcessRunsAsync();

        File.WriteAllText(Path.Combine(Directory.GetDirectories(Path.Combine(Host.Root, "pods"), $"*_{name}_*").Single(), "containers", "main", "rootfs", "go"), "");

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");
        Assert.Equal("Succeeded", pod.Status.Phase);
        Assert.Empty(MarkedProcesses.Find(_marker));
    }

    private Task DetachedProcessRunsAsync() =>
        Eventually.UntilAsync(() => MarkedProcesses.Find(_marker).Count > 0, "the detached process to run");

    private async Task StopWithinLimitAsync(string name)
    {
        var stop = Host.Kubelet.StopPodAsync("default", name, TimeSpan.FromSeconds(5));
        Assert.True(await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20))) == stop, "the pod did not stop within 20 s");
        await stop;
        Assert.Null(Host.Cluster.GetPod("default", name));
    }
}
