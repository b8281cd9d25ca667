using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Pods;

/// <summary>
/// Deterministic Kubernetes object names for a job attempt. Because a name follows from the job id and the
/// attempt, a second creator of the same pod gets 409 AlreadyExists and the API server fences duplicates.
/// </summary>
public static class ResourceNames
{
    public const string Prefix = "sched-";

    /// <summary>The pod of the attempt: <c>sched-&lt;jobid&gt;-&lt;attempt&gt;</c> (DNS-1123 label, ≤ 63 chars).</summary>
    public static string Pod(JobId jobId, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        return $"{Prefix}{jobId.Value}-{attempt}";
    }

    /// <summary>The Secret holding the attempt's task secrets: the pod name plus <c>-secrets</c>.</summary>
    public static string Secret(JobId jobId, int attempt) => Pod(jobId, attempt) + "-secrets";
}
