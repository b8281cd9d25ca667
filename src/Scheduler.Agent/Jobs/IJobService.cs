using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// What the HTTP API and the CLI may ask of the agent about jobs. Implemented over the sharded actors;
/// reads come from the job read model, so they work from any replica.
/// </summary>
public interface IJobService
{
    /// <summary>Durably queues the task under its resource class; returns once the job is persisted.</summary>
    Task<JobView> SubmitAsync(TaskSpec spec, CancellationToken ct);

    /// <summary>Null when no job has that id.</summary>
    Task<JobView?> GetAsync(string jobId, CancellationToken ct);

    Task<IReadOnlyList<JobView>> ListAsync(JobQuery query, CancellationToken ct);

    /// <summary>Asks the job to stop. Null when no job has that id; otherwise the job as it stands after the request.</summary>
    Task<JobView?> CancelAsync(string jobId, CancellationToken ct);
}

/// <summary>Filters of <c>GET /api/v1/tasks</c>; null means any.</summary>
public sealed record JobQuery(string? State = null, string? ResourceClass = null, int Limit = 100);

/// <summary>The public face of a job: what the API returns. Never holds secret values.</summary>
public sealed record JobView(
    string Id,
    string ResourceClass,
    string State,
    int Attempt,
    string? PodName,
    string? FailureReason,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<StepView> Steps)
{
    /// <summary>When the resource class gave the job a slot.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>When the job's pod was created.</summary>
    public DateTimeOffset? PodCreatedAt { get; init; }

    /// <summary>When the pod was seen Running.</summary>
    public DateTimeOffset? RunningAt { get; init; }

    /// <summary>
    /// While the job is starting and its pod is stuck but may recover: the Kubernetes reason (<c>Unschedulable</c>,
    /// <c>ErrImagePull</c>, <c>ImagePullBackOff</c>), the scheduler's or kubelet's message, and since when it waits.
    /// </summary>
    public PodWaitView? Waiting { get; init; }

    /// <summary>Every take-over of the job by a new owner (an agent restart, a replica's recovery), oldest first.</summary>
    public IReadOnlyList<AdoptionView> Adoptions { get; init; } = [];

    /// <summary>The attempts an infrastructure failure ended before the current one (<c>retry: {infrastructure: N}</c>).</summary>
    public IReadOnlyList<FailedAttemptView> FailedAttempts { get; init; } = [];

    /// <summary>Some of the job's output was dropped for its output limit (<c>GET /api/v1/tasks/{id}</c> fills it in).</summary>
    public bool LogTruncated { get; init; }

    /// <summary>The job's pod and secret are gone (or never existed); its actor is done with them.</summary>
    public bool CleanedUp { get; init; }

    public bool IsTerminal => State is JobStates.Succeeded or JobStates.Failed or JobStates.TimedOut
        or JobStates.Cancelled or JobStates.InfraFailed;
}

public sealed record PodWaitView(string Reason, string Message, DateTimeOffset Since);

public sealed record StepView(
    int Index,
    string Name,
    string State,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>When a new owner took the job over, who it was, and the owner epoch it took.</summary>
public sealed record AdoptionView(DateTimeOffset At, string Owner, int Epoch);

/// <summary>Attempt <paramref name="Attempt"/> ended at <paramref name="At"/> for an infrastructure failure, and another followed.</summary>
public sealed record FailedAttemptView(int Attempt, string Reason, string Message, DateTimeOffset At);

/// <summary>The state names the API speaks (lower-case, stable).</summary>

public static class JobStates
{
    public const string Queued = "queued";
    public const string Claimed = "claimed";
    public const string Starting = "starting";
    public const string Running = "running";
    public const string Retrying = "retrying";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string TimedOut = "timed_out";
    public const string Cancelled = "cancelled";
    public const string InfraFailed = "infra_failed";

    public static readonly IReadOnlyList<string> All =
        [Queued, Claimed, Starting, Running, Retrying, Succeeded, Failed, TimedOut, Cancelled, InfraFailed];
}
