namespace Scheduler.Domain.Jobs;

/// <summary>What a job actor has to do next, as decided by <see cref="JobPlanner.Next"/> from the state alone.</summary>
public abstract record JobAction
{
    private JobAction()
    {
    }

    /// <summary>Nothing to do: queued (waiting for a claim) or finished and cleaned up.</summary>
    public sealed record None : JobAction;

    /// <summary>Create the attempt's Secret (409 AlreadyExists counts as done), then persist <see cref="SecretCreated"/>.</summary>
    public sealed record CreateSecret(string SecretName) : JobAction;

    /// <summary>Create the attempt's Pod (409 AlreadyExists means adopt it), then persist <see cref="PodCreated"/>.</summary>
    public sealed record CreatePod(string PodName) : JobAction;

    /// <summary>Wait on the shared pod watch until Running (persist <see cref="PodRunning"/>) or a fail-fast condition.</summary>
    public sealed record AwaitPodRunning(string PodName) : JobAction;

    /// <summary>Persist <see cref="StepStarted"/>, then launch step <paramref name="Index"/> and follow it.</summary>
    public sealed record RunStep(int Index) : JobAction;

    /// <summary>
    /// Step <paramref name="Index"/> is started but not finished (an earlier owner stopped while it was in flight):
    /// follow it from the stored offsets, launching it only if the pod holds no launch claim for it. Never re-run.
    /// </summary>
    public sealed record FollowStep(int Index) : JobAction;

    /// <summary>All steps exited 0: persist <see cref="JobSucceeded"/>.</summary>
    public sealed record CompleteSucceeded : JobAction;

    /// <summary>A step exited non-zero: persist <see cref="JobFailed"/> with these values.</summary>
    public sealed record CompleteFailed(int StepIndex, int ExitCode, string Message) : JobAction;

    /// <summary>Cancel was requested: stop the running step (if any), then persist <see cref="JobCancelled"/>.</summary>
    public sealed record StopForCancel : JobAction;

    /// <summary>The job ended: delete the pod and secret (404 counts as done), then persist <see cref="ResourcesCleanedUp"/>.</summary>
    public sealed record Cleanup(string PodName, string? SecretName) : JobAction;
}
