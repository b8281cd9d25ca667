namespace Scheduler.Domain.Jobs;

/// <summary>Where a job is in its life. The last five are terminal.</summary>
public enum JobPhase
{
    Queued,
    Claimed,
    Starting,
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
    InfraFailed,
}
