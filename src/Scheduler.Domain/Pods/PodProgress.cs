using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>
/// How far a job's freshly created pod has come, judged from the pod (from the shared watch) and its events:
/// <see cref="Running"/> (steps may start), <see cref="Waiting"/> (keep watching), <see cref="Stalled"/> (stuck, but
/// it may recover: wait within a time limit), or <see cref="FailFast"/> (it will never run: fail the job as an
/// infrastructure failure at once instead of burning the timeout).
/// </summary>
public abstract record PodProgress
{
    private PodProgress()
    {
    }

    /// <summary>The primary container is running.</summary>
    public sealed record Running(string? NodeName) : PodProgress;

    /// <summary>Still being scheduled, pulled or started; <paramref name="Reason"/> says what it waits for, if known.</summary>
    public sealed record Waiting(string? Reason) : PodProgress;

    /// <summary>
    /// Stuck for now: no node has room, or the image pull fails and is being retried. <paramref name="Message"/> is
    /// the scheduler's or kubelet's; <paramref name="QuotedEvents"/> the pod's warning events, for a failure message.
    /// </summary>
    public sealed record Stalled(PodStallKind Kind, string Reason, string Message, string QuotedEvents) : PodProgress;

    /// <summary>The pod cannot run; <paramref name="Message"/> quotes the condition and the pod's warning events.</summary>
    public sealed record FailFast(string Reason, string Message) : PodProgress;

    /// <summary>Image pull failures: a registry hiccup or a rate limit clears when the kubelet retries.</summary>
    public static readonly IReadOnlySet<string> PullFailureReasons = new HashSet<string> { "ErrImagePull", "ImagePullBackOff" };

    /// <summary>
    /// Container waiting reasons that will not resolve by waiting. <c>CreateContainerConfigError</c> is among
    /// them because the job's Secret is always created before its pod, so a missing key or secret is permanent.
    /// </summary>
    public static readonly IReadOnlySet<string> FatalWaitingReasons = new HashSet<string>
    {
        "InvalidImageName", "ErrImageNeverPull",
        "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "CrashLoopBackOff",
    };

    /// <summary>Classifies <paramref name="pod"/>; <paramref name="events"/> may include other objects' events (they are filtered).</summary>
    public static PodProgress Classify(V1Pod pod, IEnumerable<Corev1Event> events)
    {
        var status = pod.Status;
        if (status is null)
            return new Waiting(null);

        var quoted = PodEvents.Quote(pod, events);
        var scheduled = status.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is { Status: "False", Reason: "Unschedulable" })
        {
            var message = scheduled.Message ?? "no node can run the pod";
            return SchedulingFailure.Parse(message) is { RoomMayAppear: true }
                ? new Stalled(PodStallKind.NoRoom, "Unschedulable", message, quoted)
                : Fail("Unschedulable", message, quoted);
        }

        if (status.Phase is "Failed" && status.Reason is { } podReason)
            return Fail(podReason, status.Message ?? "the pod failed before the steps ran", quoted);

        var primary = status.ContainerStatuses?.FirstOrDefault(c => c.Name == PodBuilder.ContainerName)
            ?? status.ContainerStatuses?.FirstOrDefault();
        if (primary?.State?.Terminated is { } terminated)
            return Fail(terminated.Reason ?? "ContainerTerminated",
                $"the container exited with code {terminated.ExitCode} before the steps ran{Suffix(terminated.Message)}", quoted);
        if (status.Phase is "Failed" or "Succeeded")
            return Fail($"Pod{status.Phase}", status.Message ?? $"the pod ended ({status.Phase}) before the steps ran", quoted);

        if (primary?.State?.Waiting is { } waiting && waiting.Reason is { } reason)
        {
            if (FatalWaitingReasons.Contains(reason))
                return Fail(reason, waiting.Message ?? reason, quoted);
            if (PullFailureReasons.Contains(reason))
                return new Stalled(PodStallKind.ImagePull, reason, waiting.Message ?? reason, quoted);
        }
        if (primary?.State?.Running is not null && status.Phase == "Running")
            return new Running(pod.Spec?.NodeName);

        return new Waiting(primary?.State?.Waiting?.Reason ?? scheduled?.Reason ?? status.Phase);
    }

    private static FailFast Fail(string reason, string message, string quotedEvents) =>
        new(reason, quotedEvents.Length == 0 ? message : $"{message}; events: {quotedEvents}");

    private static string Suffix(string? message) => string.IsNullOrWhiteSpace(message) ? "" : $": {message}";
}
