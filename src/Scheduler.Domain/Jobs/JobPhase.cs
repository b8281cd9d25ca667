namespace Scheduler.Domain.Jobs;

/// <summary>Where a job is in its life. The last five are terminal.</summary>
public enum JobPhase
{
    Queued,
    Claimed,
    Starting,
    Running,
    /// <summary>An infrastructure failure ended the attempt and the task allows another: its pod goes, then a new attempt starts.</summary>
    Retrying,
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
    InfraFailed,
}
