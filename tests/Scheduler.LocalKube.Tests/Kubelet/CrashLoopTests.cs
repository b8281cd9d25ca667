using k8s;
using Scheduler.LocalKube.Tests.Kubelet.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

/// <summary>A container held in a long CrashLoopBackOff (30 s): its logs, and deleting the pod meanwhile.</summary>
public sealed class CrashLoopTests : IAsyncLifetime
{
    private KubeletHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeletHost.StartAsync(restartBackOff: TimeSpan.FromSeconds(30));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> BackingOffPodAsync()
    {
        var name = _host.Run(Pods.Shell(Pods.UniqueName("crashloop"), "echo run >> runs; echo run $(wc -l < runs); exit 1",
            spec: s => s.RestartPolicy = "Always"));
        await _host.Cluster.WaitForPodAsync(name,
            p => p.Status?.ContainerStatuses?.Single() is { RestartCount: 1, State.Waiting.Reason: "CrashLoopBackOff" }, "backing off");
        return name;
    }

    [Fact]
    public async Task Deleting_a_pod_during_back_off_is_prompt()
    {
        var name = await BackingOffPodAsync();

        var stop = _host.Kubelet.StopPodAsync("default", name, TimeSpan.FromSeconds(30));

        Assert.True(await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(5))) == stop, "the pod did not stop within 5 s");
        await stop;
        Assert.Null(_host.Cluster.GetPod("default", name));
    }

    [Fact]
    public async Task Logs_show_the_last_run_and_previous_the_run_before()
    {
        var name = await BackingOffPodAsync();
        using var client = _host.CreateClient();

        var current = await client.CoreV1.ReadNamespacedPodLogAsync(name, "default");
        var previous = await client.CoreV1.ReadNamespacedPodLogAsync(name, "default", previous: true);

        Assert.Equal("run 2\n", await new StreamReader(current).ReadToEndAsync());
        Assert.Equal("run 1\n", await new StreamReader(previous).ReadToEndAsync());
    }

    [Fact]
    public async Task Previous_logs_of_a_container_that_never_restarted_are_a_400()
    {
        var name = _host.Run(Pods.Shell(Pods.UniqueName("once"), "echo once"));
        await _host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");
        using var http = new HttpClient { BaseAddress = _host.BaseUri };

        using var response = await http.GetAsync($"/api/v1/namespaces/default/pods/{name}/log?previous=true");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"previous terminated container \\\"main\\\" in pod \\\"{name}\\\" not found", await response.Content.ReadAsStringAsync());
    }
}
