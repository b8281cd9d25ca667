using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Claims;

/// <summary>What reconciliation found: slots to release, and pods of the class that no held slot accounts for.</summary>
public sealed record SlotReconciliationResult(IReadOnlyList<LeakedSlot> Release, IReadOnlyList<JobId> Untracked);
