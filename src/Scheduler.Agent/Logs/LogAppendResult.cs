namespace Scheduler.Agent.Logs;

/// <summary>Where appended bytes sit in the job's log. <paramref name="Stored"/> is false when all of them were
/// already stored (a replayed append), and then nothing was written.</summary>
public sealed record LogAppendResult(long Offset, long EndOffset, bool Stored);
