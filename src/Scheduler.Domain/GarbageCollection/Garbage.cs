namespace Scheduler.Domain.GarbageCollection;

/// <summary>A resource the garbage collector deletes, and why.</summary>
public sealed record Garbage(ManagedResource Resource, string? JobId, string Reason);
