namespace Scheduler.Domain.GarbageCollection;

public enum ManagedResourceKind
{
    Pod,
    Secret,
}

/// <summary>A pod or secret as the garbage collector sees it: identity, age and labels.</summary>
public sealed record ManagedResource(
    ManagedResourceKind Kind,
    string Name,
    string Uid,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Labels);
