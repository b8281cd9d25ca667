using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Claims;

/// <summary>
/// A job holding one of a class's slots, since it was claimed, and the replica that runs it: the one whose
/// <c>agent.maxConcurrentTasks</c> slot it uses. <see cref="Replica"/> is null for a claim stored before replicas were recorded.
/// </summary>
public sealed record SlotHolder(JobId JobId, DateTimeOffset ClaimedAt, string? Replica = null);
