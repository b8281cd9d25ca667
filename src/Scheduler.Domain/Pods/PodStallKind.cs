namespace Scheduler.Domain.Pods;

/// <summary>Why a starting pod makes no progress although it still may: each kind has its own time limit.</summary>
public enum PodStallKind
{
    /// <summary>No node has room right now (cpu, memory, pods…), but some would fit once room appears.</summary>
    NoRoom,

    /// <summary>The image pull failed (<c>ErrImagePull</c>, <c>ImagePullBackOff</c>); the kubelet retries it.</summary>
    ImagePull,
}
