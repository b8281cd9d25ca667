using k8s;
using k8s.Models;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Store;

/// <summary>One committed change; <see cref="Previous"/> is what selectors saw of the object before a MODIFIED or DELETED.</summary>
internal sealed record StoreChange(
    WatchEventType Type,
    ResourceKind Kind,
    IKubernetesObject<V1ObjectMeta> Object,
    SelectableState? Previous,
    long Version);
