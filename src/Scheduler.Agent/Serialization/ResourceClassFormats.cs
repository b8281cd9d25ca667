using Scheduler.Agent.Actors;
using Scheduler.Domain.Claims;
using Scheduler.Domain.Jobs;

namespace Scheduler.Agent.Serialization;

// The stored shape of the resource-class events and snapshot, version 1. A contract may gain an optional member that old
// payloads lack (Replica, read as null); any other change needs a new manifest.

public sealed record ClassJobV1(string JobId);

public sealed record ClassJobClaimedV1(string JobId, DateTimeOffset At, string? Replica = null);

public sealed record ClassJobReleasedV1(string JobId, string Reason);

public sealed record ResourceClassSnapshotV1(IReadOnlyList<string> Queued, IReadOnlyList<ClassJobClaimedV1> Running);

/// <summary>The stored formats of the resource-class entity's journal and snapshots.</summary>
public static class ResourceClassFormats
{
    public static IEnumerable<MessageFormat> All() =>
    [
        MessageFormat.Contract<ClassJobQueued, ClassJobV1>("class-job-queued.v1", e => new(e.JobId), c => new(c.JobId)),
        MessageFormat.Contract<ClassJobDequeued, ClassJobV1>("class-job-dequeued.v1", e => new(e.JobId), c => new(c.JobId)),
        MessageFormat.Contract<ClassJobClaimed, ClassJobClaimedV1>("class-job-claimed.v1", e => new(e.JobId, e.At, e.Replica), c => new(c.JobId, c.At, c.Replica)),
        MessageFormat.Contract<ClassJobReleased, ClassJobReleasedV1>("class-job-released.v1", e => new(e.JobId, e.Reason), c => new(c.JobId, c.Reason)),
        MessageFormat.Contract<ResourceClassSnapshot, ResourceClassSnapshotV1>("resource-class-snapshot.v1",
            s => new(s.Queued, s.Running.Select(h => new ClassJobClaimedV1(h.JobId.Value, h.ClaimedAt, h.Replica)).ToArray()),
            c => new(c.Queued, c.Running.Select(r => new SlotHolder(new JobId(r.JobId), r.At, r.Replica)).ToArray())),
    ];
}
