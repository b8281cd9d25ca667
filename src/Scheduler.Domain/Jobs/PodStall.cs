using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Jobs;

/// <summary>
/// The starting pod's current stall: the latest reason and message, and <paramref name="Since"/>, when the first
/// stall of this kind was recorded (the start of its time limit; a new message of the same kind keeps it).
/// </summary>
public sealed record PodStall(PodStallKind Kind, string Reason, string Message, DateTimeOffset Since);
