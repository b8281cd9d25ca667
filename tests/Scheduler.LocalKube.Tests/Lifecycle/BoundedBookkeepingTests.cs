using k8s;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Lifecycle;

/// <summary>Per-pod bookkeeping inside LocalKube is dropped once the pod is gone, so a long-running server stays bounded.</summary>
public sealed class BoundedBookkeepingTests
{
    [Fact]
    public async Task Pods_evicted_by_a_NoExecute_taint_leave_no_eviction_entry_behind()
    {
        await using var kube = await LocalKubeFixture.StartAsync(o => o.Nodes.Add(Objects.Node("node-a")));
        var names = Enumerable.Range(0, 3).Select(i => Objects.UniqueName($"evict{i}")).ToList();
        foreach (var name in names)
            await kube.Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod(name, command: "sleep 300"), "default");
        await Eventually.UntilAsync(
            async () => (await kube.Client.CoreV1.ListNamespacedPodAsync("default")).Items.Count(p => p.Status?.Phase == "Running"),
            running => running == names.Count, "all pods running");

        await kube.Client.CoreV1.PatchNodeAsync(
            new V1Patch("{\"spec\":{\"taints\":[{\"key\":\"maintenance\",\"effect\":\"NoExecute\"}]}}", V1Patch.PatchType.MergePatch), "node-a");
        await Eventually.UntilAsync(
            async () => (await kube.Client.CoreV1.ListNamespacedPodAsync("default")).Items.Count,
            count => count == 0, "evicted pods to be gone", TimeSpan.FromSeconds(45));

        await Eventually.UntilAsync(() => kube.Server.Services.Scheduler.EvictionsInFlight == 0, "the scheduler to forget the evictions");
    }
}
