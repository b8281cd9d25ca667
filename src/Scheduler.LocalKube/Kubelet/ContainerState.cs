namespace Scheduler.LocalKube.Kubelet;

/// <summary>The kubelet's view of one container, turned into a V1ContainerStatus by <see cref="PodStatusBuilder"/>.</summary>
public abstract record ContainerState
{
    public sealed record Waiting(string Reason, string? Message = null) : ContainerState;

    public sealed record Running(DateTime StartedAt) : ContainerState;

    public sealed record Terminated(int ExitCode, string Reason, string? Message, DateTime? StartedAt, DateTime FinishedAt)
        : ContainerState;

    public static Terminated Exited(int exitCode, DateTime startedAt, DateTime finishedAt) =>
        new(exitCode, exitCode == 0 ? "Completed" : "Error", null, startedAt, finishedAt);
}

/// <summary>How a container's previous run ended (its status's lastState).</summary>
public sealed record LastTermination(ContainerState.Terminated State, string? ContainerId);

/// <summary>A snapshot of one container for a status update.</summary>
public sealed record ContainerSnapshot(
    string Name, string Image, string? ContainerId, ContainerState State, int RestartCount = 0, LastTermination? Last = null);

/// <summary>A pod-level failure that overrides the containers' outcome (DeadlineExceeded, NodeLost, …).</summary>
public sealed record PodFailure(string Reason, string Message);
