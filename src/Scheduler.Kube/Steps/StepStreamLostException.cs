namespace Scheduler.Kube.Steps;

/// <summary>The exec/attach stream ended before it reported the step's exit code; the step's outcome is unknown.</summary>
public sealed class StepStreamLostException(string message, Exception? inner = null) : StepInfrastructureException(message, inner);
