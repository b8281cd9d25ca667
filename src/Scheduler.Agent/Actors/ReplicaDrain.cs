namespace Scheduler.Agent.Actors;

/// <summary>
/// To <see cref="ReplicaSlotsActor"/> (<c>scheduler drain</c> in the console): this replica grants no more slots, so
/// it claims no new jobs; the jobs it runs go on. It lasts until the replica restarts.
/// </summary>
public sealed record StopClaiming;
