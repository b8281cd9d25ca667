namespace Scheduler.Domain.Jobs;

/// <summary>
/// Which infrastructure failures start a new attempt (<c>retry: {infrastructure: N}</c>): those where the platform lost
/// the attempt, not where the task itself is wrong. A pod deleted or evicted under the job, its node lost, a step whose
/// stream and outcome were lost with its pod, or an image that could not be pulled (a registry hiccup) are retried;
/// an unschedulable pod, a bad image name, or a service that never became ready would fail the same way again.
/// </summary>
public static class InfrastructureRetries
{
    private static readonly HashSet<string> Retryable =
        ["PodDeleted", "Evicted", "NodeLost", "StreamLost", "StepInfrastructure", "ErrImagePull", "ImagePullBackOff"];

    public static bool IsRetryable(string reason) => Retryable.Contains(reason);

    /// <summary>Whether a failure for <paramref name="reason"/> in the current attempt starts another one.</summary>
    public static bool Allows(JobState state, string reason) =>
        IsRetryable(reason) && !state.CancelRequested && state.Attempt <= state.Spec.InfrastructureRetries;
}
