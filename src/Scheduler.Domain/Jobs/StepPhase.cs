namespace Scheduler.Domain.Jobs;

/// <summary>Where one step is: not run yet, running, ended (by exit code), or cut short because the job ended.</summary>
public enum StepPhase
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Interrupted,
}
