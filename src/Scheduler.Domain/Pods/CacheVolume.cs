namespace Scheduler.Domain.Pods;

/// <summary>
/// A resource class's cache, mounted at <see cref="MountPath"/> in every task pod of the class: a
/// PersistentVolumeClaim (<see cref="ClaimName"/>), shared by the class's tasks and kept between them, or an
/// emptyDir (<see cref="ClaimName"/> null), which lives and dies with each pod.
/// </summary>
public sealed record CacheVolume(string? ClaimName)
{
    public const string MountPath = "/cache";

    /// <summary>
    /// The volume's name is its mount path's, so <see cref="RelativePath"/> reaches it from the working directory on a
    /// node and on LocalKube alike (which has no container filesystem; see <see cref="PodBuilder.StepsDirectory"/>).
    /// </summary>
    public const string VolumeName = "cache";

    /// <summary><see cref="MountPath"/> as a step addresses it relative to <see cref="PodBuilder.WorkingDir"/>.</summary>
    public const string RelativePath = "../cache";

    public static readonly CacheVolume EmptyDir = new((string?)null);
}
