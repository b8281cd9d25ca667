using System.Text.RegularExpressions;
using k8s.Models;
using Scheduler.LocalKube.Tests.Kubelet.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

/// <summary>restartPolicy Always and OnFailure restart containers with CrashLoopBackOff (200 ms base back-off here).</summary>
public class ContainerRestartTests(KubeletHostFixture fixture) : IClassFixture<KubeletHostFixture>
{
    private KubeletHost Host => fixture.Host;

    private string Run(string prefix, string script, string policy) =>
        Host.Run(Pods.Shell(Pods.UniqueName(prefix), script, spec: s => s.RestartPolicy = policy));

    [Fact]
    public async Task Always_restarts_a_failing_container_and_reports_CrashLoopBackOff_while_the_pod_stays_Running()
    {
        var name = Run("always-fail", "exit 1", "Always");

        var pod = await Host.Cluster.WaitForPodAsync(name,
            p => p.Status?.ContainerStatuses?.Single() is { RestartCount: >= 2, State.Waiting.Reason: "CrashLoopBackOff" }, "backing off after restarts");

        Assert.Equal("Running", pod.Status.Phase);
        var status = pod.MainContainer();
        Assert.Matches(new Regex($@"^back-off \d+(\.\d+)?m?s restarting failed container=main pod={name}_default\({pod.Metadata.Uid}\)$"), status.State.Waiting.Message);
        var last = status.LastState.Terminated;
        Assert.Equal((1, "Error"), (last.ExitCode, last.Reason));
        Assert.NotNull(last.StartedAt);
        Assert.True(last.FinishedAt >= last.StartedAt);
        Assert.False(status.Ready);
        Assert.Equal("False", pod.Status.Conditions.Single(c => c.Type == "Ready").Status);
        var events = Host.Cluster.Events.Where(e => e.InvolvedObject.Name == name).ToList();
        Assert.Contains(events, e => e is { Reason: "BackOff", Type: "Warning" } &&
            e.Message == $"Back-off restarting failed container main in pod {name}_default({pod.Metadata.Uid})");
        Assert.True(events.Count(e => e.Reason == "Started") >= 3, "a Started event per run");
        Assert.True(events.Count(e => e.Reason == "Created") >= 3, "a Created event per run");
    }

    [Fact]
    public async Task Always_restarts_a_container_that_exits_0()
    {
        var name = Run("always-ok", "true", "Always");

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.Status?.ContainerStatuses?.Single().RestartCount >= 2, "restarted twice");

        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal((0, "Completed"), (pod.MainContainer().LastState.Terminated.ExitCode, pod.MainContainer().LastState.Terminated.Reason));
    }

    [Fact]
    public async Task OnFailure_restarts_until_the_container_succeeds()
    {
        var name = Run("onfailure", "echo run >> runs; [ $(wc -l < runs) -ge 3 ]", "OnFailure");

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");

        Assert.Equal("Succeeded", pod.Status.Phase);
        var status = pod.MainContainer();
        Assert.Equal(2, status.RestartCount);
        Assert.Equal((0, "Completed"), (status.State.Terminated.ExitCode, status.State.Terminated.Reason));
        Assert.Equal(1, status.LastState.Terminated.ExitCode);
    }

    [Fact]
    public async Task OnFailure_does_not_restart_a_container_that_exits_0()
    {
        var name = Run("onfailure-ok", "true", "OnFailure");

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");

        Assert.Equal(("Succeeded", 0), (pod.Status.Phase, pod.MainContainer().RestartCount));
        Assert.Null(pod.MainContainer().LastState?.Terminated);
        Assert.DoesNotContain(Host.Cluster.Events, e => e.InvolvedObject.Name == name && e.Reason == "BackOff");
    }

    [Fact]
    public async Task Never_does_not_restart_a_failed_container()
    {
        var name = Run("never", "exit 1", "Never");

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");

        Assert.Equal(("Failed", 0, 1), (pod.Status.Phase, pod.MainContainer().RestartCount, pod.MainContainer().State.Terminated.ExitCode));
        Assert.Single(Host.Cluster.Events, e => e.InvolvedObject.Name == name && e.Reason == "Started");
    }
}
