using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Claims;

/// <summary>A job holding one of a class's slots, since it was claimed.</summary>
public sealed record SlotHolder(JobId JobId, DateTimeOffset ClaimedAt);
