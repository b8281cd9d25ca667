using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Claims;

/// <summary>
/// Compares the slots a resource class believes are taken with the pods that really exist for it (by job-id
/// label) and the jobs' states from the journal, so that no crash or error path can leak a slot. A slot is
/// released when its job has ended and its pod is gone, is unknown, is still queued longer than the grace period after its
/// claim (the claim travels to the job's replica, and the job's view follows its journal, so both may lag), or has passed
/// pod creation but its pod has been gone for longer than the grace period (the watch may lag a freshly created pod). A job that is claimed but has not
/// created its pod yet keeps its slot: its pod may still appear. So does an ended job whose pod still exists (its
/// cleanup is under way): limits count the pods that exist.
/// </summary>
public static class SlotReconciliation
{
    public static SlotReconciliationResult Reconcile(
        IReadOnlyCollection<SlotHolder> held,
        IReadOnlySet<JobId> jobsWithPods,
        Func<JobId, JobPhase?> phaseOf,
        DateTimeOffset now,
        TimeSpan grace)
    {
        var release = new List<LeakedSlot>();
        foreach (var holder in held)
        {
            var reason = phaseOf(holder.JobId) switch
            {
                null => "the job is unknown",
                { } phase when phase >= JobPhase.Succeeded && !jobsWithPods.Contains(holder.JobId) => $"the job has ended ({phase})",
                >= JobPhase.Succeeded => null,
                JobPhase.Queued when now - holder.ClaimedAt > grace => "the job is queued, not claimed",
                JobPhase.Starting or JobPhase.Running when !jobsWithPods.Contains(holder.JobId) && now - holder.ClaimedAt > grace
                    => "the job's pod no longer exists",
                _ => null,
            };
            if (reason is not null)
                release.Add(new LeakedSlot(holder.JobId, reason));
        }

        var heldIds = held.Select(h => h.JobId).ToHashSet();
        var untracked = jobsWithPods.Where(id => !heldIds.Contains(id)).OrderBy(id => id.Value, StringComparer.Ordinal).ToArray();
        return new SlotReconciliationResult(release, untracked);
    }
}
