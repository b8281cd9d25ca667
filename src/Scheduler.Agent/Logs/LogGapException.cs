namespace Scheduler.Agent.Logs;

/// <summary>An append at an offset beyond the end of the log, which would leave a hole.</summary>
public sealed class LogGapException(string jobId, long offset, long length)
    : InvalidOperationException($"job {jobId}: append at byte {offset} would leave a gap; the log ends at byte {length}")
{
    public long Length { get; } = length;
}
