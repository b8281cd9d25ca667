using k8s.Models;

namespace Scheduler.Kube.Watch;

public enum PodChangeKind
{
    Added,
    Modified,
    Deleted,
}

/// <summary>A pod changed in the shared cache; for <see cref="PodChangeKind.Deleted"/>, <see cref="Pod"/> is its last known state.</summary>
public sealed record PodChange(PodChangeKind Kind, V1Pod Pod)
{
    public string Name => Pod.Metadata.Name;
}
