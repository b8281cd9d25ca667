namespace Scheduler.Domain.Tasks;

/// <summary>One step of a task: a display name and the shell script (<c>/bin/sh</c>) it runs.</summary>
public sealed record StepSpec(string Name, string Run);
