using k8s;
using k8s.Models;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Store;

/// <summary>One committed change; <see cref="Previous"/> is the object before a MODIFIED.</summary>
internal sealed record StoreChange(
    WatchEventType Type,
    ResourceKind Kind,
    IKubernetesObject<V1ObjectMeta> Object,
    IKubernetesObject<V1ObjectMeta>? Previous,
    long Version);
