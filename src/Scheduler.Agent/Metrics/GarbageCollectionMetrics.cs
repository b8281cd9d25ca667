using Prometheus;
using Scheduler.Agent.GarbageCollection;
using Scheduler.Domain.GarbageCollection;

namespace Scheduler.Agent.Metrics;

/// <summary>
/// What the garbage collector deleted on this replica, by kind (<c>pod</c>, <c>secret</c>) and reason (the
/// <see cref="GarbageCause"/>). Every series exists from the start at 0, so a rate over it never starts with a gap.
/// </summary>
public sealed class GarbageCollectionMetrics
{
    private readonly Counter _deletions;

    public GarbageCollectionMetrics(CollectorRegistry registry)
    {
        _deletions = Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter("scheduler_gc_deletions_total",
            "Pods and secrets the garbage collector deleted, by kind and reason.", "kind", "reason");
        foreach (var kind in Enum.GetValues<ManagedResourceKind>())
            foreach (var cause in Enum.GetValues<GarbageCause>())
                _deletions.WithLabels(GarbageSweep.KindName(kind), ReasonLabel(cause));
    }

    public void Deleted(ManagedResourceKind kind, GarbageCause cause) =>
        _deletions.WithLabels(GarbageSweep.KindName(kind), ReasonLabel(cause)).Inc();

    public static string ReasonLabel(GarbageCause cause) => cause switch
    {
        GarbageCause.NoJobId => "no_job_id",
        GarbageCause.SupersededAttempt => "superseded_attempt",
        GarbageCause.OlderThanThreshold => "older_than_threshold",
        GarbageCause.UnknownJob => "unknown_job",
        GarbageCause.JobFinished => "job_finished",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
