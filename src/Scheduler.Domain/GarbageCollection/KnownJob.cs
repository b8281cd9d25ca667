namespace Scheduler.Domain.GarbageCollection;

/// <summary>
/// What the job records say about a job a resource belongs to. <see cref="Finished"/> means terminal and cleaned
/// up; anything else is live, and its own actor owns its resources.
/// </summary>
public sealed record KnownJob(bool Finished, int Attempt);
