using k8s;
using k8s.Models;
using Scheduler.LocalKube.Kubelet;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Store;

namespace Scheduler.LocalKube.Lifecycle;

/// <summary>When a node is deleted, its unfinished pods fail (the node controller's NodeLost).</summary>
internal sealed class NodeLifecycle : IDisposable
{
    private readonly ObjectStore _store;
    private readonly IKubelet _kubelet;

    public NodeLifecycle(ObjectStore store, IKubelet kubelet)
    {
        _store = store;
        _kubelet = kubelet;
        _store.Changed += OnChanged;
    }

    public void Dispose() => _store.Changed -= OnChanged;

    private void OnChanged(StoreChange change)
    {
        if (change.Type != WatchEventType.Deleted || change.Kind != ResourceCatalog.Nodes) return;
        var nodeName = change.Object.Metadata.Name;
        var lost = _store.List<V1Pod>(ResourceCatalog.Pods)
            .Where(p => p.Spec?.NodeName == nodeName && !PodPhases.IsTerminal(p))
            .ToList();
        foreach (var pod in lost)
            _kubelet.FailPod(pod.Metadata.NamespaceProperty, pod.Metadata.Name, "NodeLost",
                $"Node {nodeName} which was running pod {pod.Metadata.Name} is unresponsive");
    }
}
