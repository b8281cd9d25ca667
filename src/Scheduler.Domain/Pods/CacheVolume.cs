namespace Scheduler.Domain.Pods;

/// <summary>
/// A resource class's cache, mounted at <see cref="MountPath"/> in every task pod of the class: a
/// PersistentVolumeClaim (<see cref="ClaimName"/>), shared by the class's tasks and kept between them, or an
/// emptyDir (<see cref="ClaimName"/> null), which lives and dies with each pod.
/// </summary>
public sealed record CacheVolume(string? ClaimName)
{
    public const string MountPath = "/cache";
    public const string VolumeName = "scheduler-cache";

    public static readonly CacheVolume EmptyDir = new((string?)null);
}
