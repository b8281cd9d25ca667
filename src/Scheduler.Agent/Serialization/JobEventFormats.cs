using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Serialization;

/// <summary>The stored formats of the job events (<see cref="IJobEvent"/>), the journal of every job entity.</summary>
public static class JobEventFormats
{
    public static IEnumerable<MessageFormat> All(TaskSpecContract specs) =>
    [
        MessageFormat.Contract<JobSubmitted, JobSubmittedV1>("job-submitted.v1",
            e => new(e.JobId.Value, specs.ToContract(e.Spec, e.JobId.Value), e.At),
            c => new(new JobId(c.JobId), specs.FromContract(c.Spec, c.JobId), c.At)),
        MessageFormat.Contract<JobClaimed, JobClaimedV1>("job-claimed.v1", e => new(e.Attempt, e.At), c => new(c.Attempt, c.At)),
        MessageFormat.Contract<JobAdopted, JobAdoptedV1>("job-adopted.v1", e => new(e.Epoch, e.Owner, e.At), c => new(c.Epoch, c.Owner, c.At)),
        MessageFormat.Contract<SecretCreated, SecretCreatedV1>("secret-created.v1", e => new(e.SecretName, e.At), c => new(c.SecretName, c.At)),
        MessageFormat.Contract<PodCreated, PodCreatedV1>("pod-created.v1", e => new(e.PodName, e.At), c => new(c.PodName, c.At)),
        MessageFormat.Contract<PodStalled, PodStalledV1>("pod-stalled.v1",
            e => new(StallKindName(e.Kind), e.Reason, e.Message, e.At),
            c => new(StallKind(c.Kind), c.Reason, c.Message, c.At)),
        MessageFormat.Contract<PodRunning, PodRunningV1>("pod-running.v1", e => new(e.NodeName, e.At), c => new(c.NodeName, c.At)),
        MessageFormat.Contract<StepStarted, StepStartedV1>("step-started.v1", e => new(e.Index, e.At), c => new(c.Index, c.At)),
        MessageFormat.Contract<StepFinished, StepFinishedV1>("step-finished.v1", e => new(e.Index, e.ExitCode, e.At), c => new(c.Index, c.ExitCode, c.At)),
        MessageFormat.Contract<JobSucceeded, MomentV1>("job-succeeded.v1", e => new(e.At), c => new(c.At)),
        MessageFormat.Contract<JobFailed, JobFailedV1>("job-failed.v1",
            e => new(e.StepIndex, e.ExitCode, e.Message, e.At), c => new(c.StepIndex, c.ExitCode, c.Message, c.At)),
        MessageFormat.Contract<JobTimedOut, JobTimedOutV1>("job-timed-out.v1", e => new(e.Timeout, e.At), c => new(c.Timeout, c.At)),
        MessageFormat.Contract<JobCancelRequested, MomentV1>("job-cancel-requested.v1", e => new(e.At), c => new(c.At)),
        MessageFormat.Contract<JobCancelled, MomentV1>("job-cancelled.v1", e => new(e.At), c => new(c.At)),
        MessageFormat.Contract<JobInfraFailed, JobInfraFailedV1>("job-infra-failed.v1",
            e => new(e.Reason, e.Message, e.At), c => new(c.Reason, c.Message, c.At)),
        MessageFormat.Contract<ResourcesCleanedUp, MomentV1>("resources-cleaned-up.v1", e => new(e.At), c => new(c.At)),
    ];

    private static string StallKindName(PodStallKind kind) => kind switch
    {
        PodStallKind.NoRoom => "no-room",
        PodStallKind.ImagePull => "image-pull",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no stored name"),
    };

    private static PodStallKind StallKind(string name) => name switch
    {
        "no-room" => PodStallKind.NoRoom,
        "image-pull" => PodStallKind.ImagePull,
        _ => throw new System.Text.Json.JsonException($"pod-stalled.v1: unknown kind \"{name}\""),
    };
}
