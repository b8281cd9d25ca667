namespace Scheduler.Kube.Steps;

/// <summary>The step could not be run or its outcome is unknown: an infrastructure failure, not the step's own failure.</summary>
public class StepInfrastructureException(string message, Exception? inner = null) : Exception(message, inner);
