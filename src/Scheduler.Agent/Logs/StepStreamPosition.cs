namespace Scheduler.Agent.Logs;

/// <summary>Step <paramref name="StepIndex"/>'s stream file has been consumed up to byte <paramref name="StreamEnd"/>.</summary>
public sealed record StepStreamPosition(int StepIndex, long StreamEnd);
