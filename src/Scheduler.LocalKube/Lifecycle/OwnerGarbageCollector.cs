using k8s;
using k8s.Models;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Store;

namespace Scheduler.LocalKube.Lifecycle;

/// <summary>
/// Kubernetes' garbage collector for the kinds LocalKube stores: when an object is removed for good,
/// the pods, secrets and configmaps whose ownerReferences name its uid are deleted too (background propagation).
/// </summary>
internal sealed class OwnerGarbageCollector : IDisposable
{
    private readonly ObjectStore _store;
    private readonly PodTerminator _terminator;

    public OwnerGarbageCollector(ObjectStore store, PodTerminator terminator)
    {
        _store = store;
        _terminator = terminator;
        _store.Changed += OnChanged;
    }

    public void Dispose() => _store.Changed -= OnChanged;

    private void OnChanged(StoreChange change)
    {
        if (change.Type != WatchEventType.Deleted) return;
        var uid = change.Object.Metadata.Uid;
        if (string.IsNullOrEmpty(uid)) return;
        _ = Task.Run(() => CollectDependentsAsync(uid));
    }

    private async Task CollectDependentsAsync(string ownerUid)
    {
        foreach (var kind in new[] { ResourceCatalog.Secrets, ResourceCatalog.ConfigMaps })
            foreach (var dependent in _store.List(kind).Items.Where(o => IsOwnedBy(o, ownerUid)))
                _store.Remove(kind, dependent.Metadata.NamespaceProperty, dependent.Metadata.Name);

        foreach (var pod in _store.List(ResourceCatalog.Pods).Items.Where(o => IsOwnedBy(o, ownerUid)))
            await _terminator.DeleteAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, gracePeriodSeconds: null);
    }

    private static bool IsOwnedBy(IKubernetesObject<V1ObjectMeta> obj, string ownerUid) =>
        obj.Metadata.OwnerReferences?.Any(r => r.Uid == ownerUid) == true;
}
