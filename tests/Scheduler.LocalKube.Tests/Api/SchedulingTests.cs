using k8s;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

/// <summary>Each test gets its own cluster with its own nodes, so node changes do not leak between tests.</summary>
public sealed class SchedulingTests : IAsyncLifetime
{
    private SimulatedClusterFixture _cluster = null!;

    private IKubernetes Client => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = new TwoNodeCluster();
        await _cluster.InitializeAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_pending_pod_is_bound_reported_and_handed_to_the_kubelet()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("plain"), "default");
        var pod = await PodWhere("plain", p => p.Spec.NodeName is not null);

        Assert.Contains(pod.Spec.NodeName, new[] { "node-a", "node-b" });
        Assert.Contains(pod.Status.Conditions, c => c.Type == "PodScheduled" && c.Status == "True");
        await Eventually.UntilAsync(() => _cluster.Kubelet.Started.Contains("plain"), "kubelet start");
        var scheduled = await EventsFor("plain", "Scheduled");
        Assert.Equal($"Successfully assigned default/plain to {pod.Spec.NodeName}", scheduled.Message);
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_stays_pending_with_the_schedulers_reasons_until_a_node_changes()
    {
        var pod = Objects.Pod("picky");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" };
        await Client.CoreV1.CreateNamespacedPodAsync(pod, "default");

        var pending = await PodWhere("picky", p => p.Status.Conditions?.Any(c => c.Type == "PodScheduled") == true);
        var condition = pending.Status.Conditions.Single(c => c.Type == "PodScheduled");
        Assert.Equal(("False", "Unschedulable"), (condition.Status, condition.Reason));
        Assert.Equal("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}.", condition.Message);
        Assert.Equal("Pending", pending.Status.Phase);
        var failed = await EventsFor("picky", "FailedScheduling");
        Assert.Equal(("Warning", condition.Message), (failed.Type, failed.Message));

        await Client.CoreV1.PatchNodeAsync(new V1Patch("{\"metadata\":{\"labels\":{\"disk\":\"ssd\"}}}", V1Patch.PatchType.MergePatch), "node-a");
        var bound = await PodWhere("picky", p => p.Spec.NodeName == "node-a");
        Assert.Equal("node-a", bound.Spec.NodeName);
    }

    [Fact]
    public async Task Failed_scheduling_is_reported_once_per_distinct_reason()
    {
        var pod = Objects.Pod("never");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["zone"] = "mars" };
        await Client.CoreV1.CreateNamespacedPodAsync(pod, "default");
        await EventsFor("never", "FailedScheduling");

        // Unrelated node churn re-runs the scheduler without changing the reason.
        await Client.CoreV1.PatchNodeAsync(new V1Patch("{\"metadata\":{\"labels\":{\"noise\":\"1\"}}}", V1Patch.PatchType.MergePatch), "node-a");
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("marker"), "default");
        await PodWhere("marker", p => p.Spec.NodeName is not null);

        var events = await Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=never,reason=FailedScheduling");
        Assert.Single(events.Items);
    }

    [Fact]
    public async Task Tolerations_let_a_pod_onto_a_tainted_node()
    {
        var pod = Objects.Pod("gpu-job");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "node-b" };
        pod.Spec.Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "gpu", Effect = "NoSchedule" }];
        await Client.CoreV1.CreateNamespacedPodAsync(pod, "default");
        Assert.Equal("node-b", (await PodWhere("gpu-job", p => p.Spec.NodeName is not null)).Spec.NodeName);
    }

    [Fact]
    public async Task Requests_beyond_what_is_left_keep_a_pod_pending_until_capacity_frees()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(WithCpu(Objects.Pod("big-1"), "1500m"), "default");
        await PodWhere("big-1", p => p.Spec.NodeName == "node-a");
        await Client.CoreV1.CreateNamespacedPodAsync(WithCpu(Objects.Pod("big-2"), "1500m"), "default");

        var pending = await PodWhere("big-2", p => p.Status.Conditions?.Any(c => c.Reason == "Unschedulable") == true);
        Assert.Contains("1 Insufficient cpu", pending.Status.Conditions.Single(c => c.Type == "PodScheduled").Message);

        await Client.CoreV1.DeleteNamespacedPodAsync("big-1", "default");
        Assert.Equal("node-a", (await PodWhere("big-2", p => p.Spec.NodeName is not null)).Spec.NodeName);
    }

    [Fact]
    public async Task Cordon_stops_new_pods_and_uncordon_lets_them_in()
    {
        await SetUnschedulable("node-a", true);
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("waits"), "default");
        var pending = await PodWhere("waits", p => p.Status.Conditions?.Any(c => c.Reason == "Unschedulable") == true);
        Assert.Contains("1 node(s) were unschedulable", pending.Status.Conditions.Single(c => c.Type == "PodScheduled").Message);

        await SetUnschedulable("node-a", false);
        Assert.Equal("node-a", (await PodWhere("waits", p => p.Spec.NodeName is not null)).Spec.NodeName);
    }

    [Fact]
    public async Task A_new_node_created_through_the_api_gets_ready_status_and_takes_pods()
    {
        var pod = Objects.Pod("for-c");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["pool"] = "c" };
        await Client.CoreV1.CreateNamespacedPodAsync(pod, "default");
        await PodWhere("for-c", p => p.Status.Conditions?.Any(c => c.Reason == "Unschedulable") == true);

        var node = await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "node-c", Labels = new Dictionary<string, string> { ["pool"] = "c" } } });
        Assert.Contains(node.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
        Assert.Equal(node.Status.Capacity["cpu"], node.Status.Allocatable["cpu"]);
        Assert.Equal("node-c", (await PodWhere("for-c", p => p.Spec.NodeName is not null)).Spec.NodeName);
    }

    [Fact]
    public async Task Deleting_a_node_fails_its_pods()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("on-a"), "default");
        await PodWhere("on-a", p => p.Spec.NodeName == "node-a");
        await Client.CoreV1.DeleteNodeAsync("node-a");
        var failed = await PodWhere("on-a", p => p.Status.Phase == "Failed");
        Assert.Equal("NodeLost", failed.Status.Reason);
    }

    [Fact]
    public async Task A_no_execute_taint_evicts_pods_that_do_not_tolerate_it()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("evictee"), "default");
        await PodWhere("evictee", p => p.Spec.NodeName == "node-a");
        await Client.CoreV1.PatchNodeAsync(new V1Patch("{\"spec\":{\"taints\":[{\"key\":\"maintenance\",\"effect\":\"NoExecute\"}]}}", V1Patch.PatchType.MergePatch), "node-a");
        await Eventually.UntilAsync(async () => (await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "metadata.name=evictee")).Items.Count == 0, "eviction");
    }

    private async Task SetUnschedulable(string node, bool value) =>
        await Client.CoreV1.PatchNodeAsync(new V1Patch($"{{\"spec\":{{\"unschedulable\":{(value ? "true" : "null")}}}}}", V1Patch.PatchType.StrategicMergePatch), node);

    private Task<V1Pod> PodWhere(string name, Func<V1Pod, bool> condition) =>
        Eventually.UntilAsync(() => Client.CoreV1.ReadNamespacedPodAsync(name, "default"), condition, $"pod {name}");

    private async Task<Corev1Event> EventsFor(string pod, string reason)
    {
        var list = await Eventually.UntilAsync(
            () => Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={pod},reason={reason}"),
            l => l.Items.Count > 0, $"{reason} event for {pod}");
        return list.Items[0];
    }

    private static V1Pod WithCpu(V1Pod pod, string cpu)
    {
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "node-a" };
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } };
        return pod;
    }

    private sealed class TwoNodeCluster : SimulatedClusterFixture
    {
        protected override void ConfigureOptions(Scheduler.LocalKube.LocalKubeOptions options)
        {
            base.ConfigureOptions(options);
            options.Nodes.Add(Objects.Node("node-a", cpu: "2"));
            options.Nodes.Add(Objects.Node("node-b", taints: new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }));
        }
    }
}
