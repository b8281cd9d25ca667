namespace Scheduler.Domain.Pods;

/// <summary>How a job's steps reach its pod: one exec per step, or one long-lived attached shell.</summary>
public enum ExecutionMode
{
    Exec,
    Attach,
}
