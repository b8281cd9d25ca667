using System.Collections.Immutable;
using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Claims;

/// <summary>An immutable FIFO of the job ids queued under one resource class. Enqueuing a queued id is a no-op.</summary>
public sealed class ClassQueue
{
    public static readonly ClassQueue Empty = new(ImmutableList<JobId>.Empty);

    private readonly ImmutableList<JobId> items;

    private ClassQueue(ImmutableList<JobId> items) => this.items = items;

    public int Count => items.Count;

    public bool IsEmpty => items.IsEmpty;

    /// <summary>The queued ids, oldest first.</summary>
    public IReadOnlyList<JobId> Items => items;

    public bool Contains(JobId id) => items.Contains(id);

    public JobId? Peek() => items.IsEmpty ? null : items[0];

    public ClassQueue Enqueue(JobId id) => Contains(id) ? this : new ClassQueue(items.Add(id));

    /// <summary>The oldest id and the queue without it; <c>(null, this)</c> when empty.</summary>
    public (JobId? Id, ClassQueue Remaining) Dequeue() =>
        items.IsEmpty ? (null, this) : (items[0], new ClassQueue(items.RemoveAt(0)));

    /// <summary>The queue without <paramref name="id"/> (e.g. a job cancelled while queued).</summary>
    public ClassQueue Remove(JobId id) => Contains(id) ? new ClassQueue(items.Remove(id)) : this;
}
