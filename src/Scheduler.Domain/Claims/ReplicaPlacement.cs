using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Claims;

/// <summary>
/// Which replica runs which of a class's claimed jobs. A job whose replica is no longer a member is an orphan: it keeps
/// its class slot, and the class places it again on a replica that grants it a slot, where the job adopts its pod.
/// </summary>
public static class ReplicaPlacement
{
    public static int HeldOn(IEnumerable<SlotHolder> holders, string replica) =>
        holders.Count(h => h.Replica == replica);

    public static IReadOnlyList<JobId> JobsOn(IEnumerable<SlotHolder> holders, string replica) =>
        holders.Where(h => h.Replica == replica).Select(h => h.JobId).OrderBy(id => id.Value, StringComparer.Ordinal).ToArray();

    /// <summary>Claimed jobs whose replica is not among <paramref name="liveReplicas"/>, oldest claim first.</summary>
    public static IReadOnlyList<JobId> Orphans(IEnumerable<SlotHolder> holders, IReadOnlySet<string> liveReplicas) =>
        holders.Where(h => h.Replica is null || !liveReplicas.Contains(h.Replica))
            .OrderBy(h => h.ClaimedAt).ThenBy(h => h.JobId.Value, StringComparer.Ordinal)
            .Select(h => h.JobId).ToArray();

    /// <summary>
    /// How many slots to ask each replica for: one per orphan, plus the queued jobs the class limit still lets in.
    /// Every replica is asked for the same number; a class returns any grant it cannot use.
    /// </summary>
    public static int Wanted(int orphans, int queued, int running, int classLimit) =>
        orphans + Math.Max(0, Math.Min(queued, classLimit - running));
}
