namespace Scheduler.Agent.Jobs;

/// <summary>The job's pod carries a newer owner epoch than this actor's: another owner took the job over, so this one must stop acting.</summary>
public sealed class OwnerSupersededException(string podName, int ours, int theirs)
    : Exception($"pod {podName} is owned by epoch {theirs}, newer than this owner's {ours}");
