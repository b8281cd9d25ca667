namespace Scheduler.Domain.Jobs;

/// <summary>Attempt <paramref name="Attempt"/> ended by an infrastructure failure, and a new attempt followed.</summary>
public sealed record FailedAttempt(int Attempt, string Reason, string Message, DateTimeOffset At);
