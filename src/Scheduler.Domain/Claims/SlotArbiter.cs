using System.Collections.Immutable;

namespace Scheduler.Domain.Claims;

/// <summary>
/// Shares a replica's <see cref="Capacity"/> task slots (<c>agent.maxConcurrentTasks</c>) between resource
/// classes. Classes <see cref="Request"/> slots; <see cref="Grant"/> hands free slots out one at a time,
/// round-robin over the classes that are waiting, so a busy class cannot starve the others when the replica
/// limit binds. Immutable: every operation returns the new arbiter.
/// </summary>
public sealed record SlotArbiter
{
    private SlotArbiter(int capacity) => Capacity = capacity;

    public int Capacity { get; }

    /// <summary>Slots held per class.</summary>
    public ImmutableDictionary<string, int> Held { get; private init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Slots each class is waiting for.</summary>
    public ImmutableDictionary<string, int> Waiting { get; private init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Classes in the order they first asked; the round-robin ring.</summary>
    private ImmutableList<string> Ring { get; init; } = ImmutableList<string>.Empty;

    /// <summary>The class that received the last grant.</summary>
    private string? LastGranted { get; init; }

    public int Used => Held.Values.Sum();

    public int Free => Math.Max(0, Capacity - Used);

    public static SlotArbiter WithCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return new SlotArbiter(capacity);
    }

    public int HeldBy(string resourceClass) => Held.GetValueOrDefault(resourceClass);

    /// <summary>The class now waits for <paramref name="wanted"/> slots (replacing its earlier request; 0 withdraws it).</summary>
    public SlotArbiter Request(string resourceClass, int wanted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wanted);
        return this with
        {
            Waiting = wanted == 0 ? Waiting.Remove(resourceClass) : Waiting.SetItem(resourceClass, wanted),
            Ring = Ring.Contains(resourceClass) ? Ring : Ring.Add(resourceClass),
        };
    }

    /// <summary>The class gives back <paramref name="count"/> slots (its jobs ended).</summary>
    public SlotArbiter Release(string resourceClass, int count = 1) =>
        SetHeld(resourceClass, Math.Max(0, HeldBy(resourceClass) - count));

    /// <summary>Overrides what the class holds, e.g. after <see cref="SlotReconciliation"/> counted its real pods.</summary>
    public SlotArbiter SetHeld(string resourceClass, int count) =>
        this with { Held = count == 0 ? Held.Remove(resourceClass) : Held.SetItem(resourceClass, count) };

    /// <summary>Hands out as many free slots as are wanted, one per turn, round-robin; returns the receiving classes in order.</summary>
    public (SlotArbiter Arbiter, IReadOnlyList<string> Grants) Grant()
    {
        var arbiter = this;
        var grants = new List<string>();
        while (arbiter.Free > 0 && arbiter.NextInTurn() is { } next)
        {
            grants.Add(next);
            var wanted = arbiter.Waiting[next] - 1;
            arbiter = arbiter with
            {
                Held = arbiter.Held.SetItem(next, arbiter.HeldBy(next) + 1),
                Waiting = wanted == 0 ? arbiter.Waiting.Remove(next) : arbiter.Waiting.SetItem(next, wanted),
                LastGranted = next,
            };
        }
        return (arbiter, grants);
    }

    private string? NextInTurn()
    {
        var start = LastGranted is null ? 0 : Ring.IndexOf(LastGranted) + 1;
        for (var i = 0; i < Ring.Count; i++)
        {
            var candidate = Ring[(start + i) % Ring.Count];
            if (Waiting.ContainsKey(candidate))
                return candidate;
        }
        return null;
    }
}
