using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>A resource class's pod template: the <c>metadata</c> and <c>spec</c> of its config entry, and its <c>cache</c>.</summary>
public sealed record PodTemplate(V1ObjectMeta Metadata, V1PodSpec Spec)
{
    /// <summary>Mounted at <see cref="CacheVolume.MountPath"/> in the task container; null = no cache.</summary>
    public CacheVolume? Cache { get; init; }
}
