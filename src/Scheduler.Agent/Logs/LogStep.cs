namespace Scheduler.Agent.Logs;

/// <summary>A step's slice of the job log: <c>[StartOffset, EndOffset)</c>; end and exit code are null while it runs.</summary>
public sealed record LogStep(int Index, string Name, long StartOffset, long? EndOffset, int? ExitCode);
