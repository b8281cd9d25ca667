using Scheduler.Agent.Actors;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Serialization;

public sealed record SubmitJobV1(string JobId, TaskSpecV1 Spec);

/// <summary>
/// The messages that may cross replicas: shard-entity commands and their replies, the slot protocol, and the
/// singletons' requests and replies. They are never stored, so most travel in their own record shape; a submitted
/// task's secrets are sealed on the wire too.
/// </summary>
public static class ClusterMessageFormats
{
    public static IEnumerable<MessageFormat> All(TaskSpecContract specs) =>
    [
        MessageFormat.Contract<SubmitJob, SubmitJobV1>("submit-job.v1",
            m => new(m.JobId, specs.ToContract(m.Spec, m.JobId)), c => new(c.JobId, specs.FromContract(c.Spec, c.JobId))),
        MessageFormat.Message<StartJob>("start-job.v1"),
        MessageFormat.Message<CancelJob>("cancel-job.v1"),
        MessageFormat.Message<GetJob>("get-job.v1"),
        MessageFormat.Message<JobView>("job-view.v1"),
        MessageFormat.Message<JobNotFound>("job-not-found.v1"),
        MessageFormat.Message<JobStartRefused>("job-start-refused.v1"),

        MessageFormat.Message<EnqueueJob>("enqueue-job.v1"),
        MessageFormat.Message<RemoveQueuedJob>("remove-queued-job.v1"),
        MessageFormat.Message<JobEnded>("job-ended.v1"),
        MessageFormat.Message<GetClassStatus>("get-class-status.v1"),
        MessageFormat.Message<ClassStatus>("class-status.v1"),
        MessageFormat.Message<SetClassEnabled>("set-class-enabled.v1"),

        MessageFormat.Message<RegisterClass>("register-class.v1"),
        MessageFormat.Message<ReplicaSlotsReady>("replica-slots-ready.v1"),
        MessageFormat.Message<RequestSlots>("request-slots.v1"),
        MessageFormat.Message<ReleaseSlots>("release-slots.v1"),
        MessageFormat.Message<SlotsHeld>("slots-held.v1"),
        MessageFormat.Message<SlotGranted>("slot-granted.v2"),
        MessageFormat.Message<StopClaiming>("stop-claiming.v1"),

        MessageFormat.Message<RunGarbageCollection>("run-garbage-collection.v1"),
        MessageFormat.Message<GetGarbageCollectorStatus>("get-garbage-collector-status.v1"),
        MessageFormat.Message<GarbageCollectionRun>("garbage-collection-run.v1"),
        MessageFormat.Message<GarbageCollectorStatus>("garbage-collector-status.v1"),
        MessageFormat.Message<GetConstraintChecks>("get-constraint-checks.v1"),
        MessageFormat.Message<RunConstraintCheck>("run-constraint-check.v1"),
        MessageFormat.Message<ConstraintChecks>("constraint-checks.v1"),
    ];
}
