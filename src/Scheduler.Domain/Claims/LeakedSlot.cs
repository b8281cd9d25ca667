using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Claims;

/// <summary>A slot to give back and why.</summary>
public sealed record LeakedSlot(JobId JobId, string Reason);
