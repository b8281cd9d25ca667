namespace Scheduler.Domain.Jobs;

/// <summary>The observable status of one step of a job.</summary>
public sealed record JobStep(
    string Name,
    StepPhase Phase,
    int? ExitCode = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null);
