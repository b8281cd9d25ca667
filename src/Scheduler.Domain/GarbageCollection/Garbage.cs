namespace Scheduler.Domain.GarbageCollection;

/// <summary>A resource the garbage collector deletes, why (<paramref name="Cause"/>, and in words, <paramref name="Reason"/>).</summary>
public sealed record Garbage(ManagedResource Resource, string? JobId, GarbageCause Cause, string Reason);
