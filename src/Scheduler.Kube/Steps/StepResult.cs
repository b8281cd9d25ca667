namespace Scheduler.Kube.Steps;

/// <summary>How a step's process ended; only ever built from the protocol's status, never from a closed stream.</summary>
public sealed record StepResult(int ExitCode)
{
    public bool Succeeded => ExitCode == 0;
}
