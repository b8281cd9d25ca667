using k8s;
using k8s.Models;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// A pod that waits for room on a node, on a LocalKube whose one node takes a single pod: a filler pod holds that
/// place, so the job's pod is unschedulable with "Too many pods" until the filler goes.
/// </summary>
public sealed class PodStartTests
{
    private const string FillerName = "filler";

    private static async Task<AgentFixture> StartOnAOnePodNodeAsync(string podStartTimeout)
    {
        var kube = new LocalKubeOptions(); // its own temp data directory, deleted on dispose
        kube.Nodes.Add(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "one-pod-node" },
            Status = new V1NodeStatus
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("8"), ["memory"] = new("16Gi"), ["pods"] = new("1") },
            },
        });
        var agent = await AgentFixture.StartAsync(TestClasses.Hocon + $"\nagent {{ podStartTimeout = {podStartTimeout} }}\n", kube);
        try
        {
            await FillTheNodeAsync(agent.Client);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    private static async Task FillTheNodeAsync(IKubernetes client)
    {
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = FillerName },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "sleep", Image = "busybox:1.36", Command = ["sleep", "300"] }] },
        }, "default");
        await Eventually.UntilAsync(() => client.CoreV1.ReadNamespacedPodAsync(FillerName, "default"),
            pod => pod.Status?.Phase == "Running", "the filler pod to run");
    }

    [Fact]
    public async Task A_job_waits_for_room_on_a_full_node_showing_the_scheduler_message_then_runs()
    {
        await using var agent = await StartOnAOnePodNodeAsync(podStartTimeout: "2m");
        var job = await agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            steps: [ "echo ran after the wait" ]
            """);

        var waiting = await Eventually.UntilAsync(() => agent.Agent.Jobs.GetAsync(job.Id, CancellationToken.None),
            view => view?.Waiting is not null, "the job's view to show why its pod waits");
        await agent.Client.CoreV1.DeleteNamespacedPodAsync(FillerName, "default", gracePeriodSeconds: 0);
        var (view, log) = await agent.AwaitEndAsync(job.Id);

        Assert.Equal(JobStates.Starting, waiting!.State);
        Assert.Equal("Unschedulable", waiting.Waiting!.Reason);
        Assert.Equal("0/1 nodes are available: 1 Too many pods.", waiting.Waiting.Message);
        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Null(view.Waiting);
        Assert.Contains("ran after the wait", log);
        Assert.Equal(0, await agent.ManagedPodCountAsync());
    }

    [Fact]
    public async Task A_job_with_no_room_within_the_pod_start_timeout_fails_quoting_the_events()
    {
        await using var agent = await StartOnAOnePodNodeAsync(podStartTimeout: "3s");
        var job = await agent.SubmitAsync($"""
            resource_class: {TestClasses.Small}
            timeout: 1h
            steps: [ "echo never" ]
            """);

        var (view, log) = await agent.AwaitEndAsync(job.Id);

        Assert.Equal(JobStates.InfraFailed, view.State);
        Assert.StartsWith("Unschedulable: 0/1 nodes are available: 1 Too many pods. — no node had room within agent.podStartTimeout (3s)", view.FailureReason);
        Assert.Contains("events: FailedScheduling: 0/1 nodes are available: 1 Too many pods.", view.FailureReason);
        Assert.True(view.FinishedAt - view.PodCreatedAt >= TimeSpan.FromSeconds(3), $"failed after {view.FinishedAt - view.PodCreatedAt}");
        Assert.DoesNotContain("never", log);
        Assert.Equal(0, await agent.ManagedPodCountAsync());
    }
}
