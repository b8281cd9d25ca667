using k8s;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Store;

namespace Scheduler.LocalKube.Lifecycle;

/// <summary>
/// kube-apiserver's <c>--event-ttl</c>: an Event is deleted (DELETED to watchers, as any delete) once
/// <c>ttl</c> has passed since it was last written. A periodic sweep removes the expired ones.
/// </summary>
internal sealed class EventExpiry : IAsyncDisposable
{
    private static readonly TimeSpan MinSweepInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxSweepInterval = TimeSpan.FromMinutes(1);
    private readonly ObjectStore _store;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _clock;
    private readonly ExpirySchedule<string, EventKey> _schedule = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sweeping;

    public EventExpiry(ObjectStore store, TimeSpan ttl, TimeProvider? clock = null)
    {
        if (ttl <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "the event TTL must be positive");
        _store = store;
        _ttl = ttl;
        _clock = clock ?? TimeProvider.System;
        _store.Changed += OnChanged;
        _sweeping = SweepPeriodicallyAsync(SweepInterval(ttl));
    }

    /// <summary>Events currently awaiting expiry.</summary>
    public int Tracked => _schedule.Count;

    /// <summary>A tenth of the TTL, within [20 ms, 1 min]: an Event outlives its TTL by at most that.</summary>
    public static TimeSpan SweepInterval(TimeSpan ttl) =>
        TimeSpan.FromTicks(Math.Clamp(ttl.Ticks / 10, MinSweepInterval.Ticks, MaxSweepInterval.Ticks));

    public async ValueTask DisposeAsync()
    {
        _store.Changed -= OnChanged;
        await _stop.CancelAsync();
        await _sweeping;
        _stop.Dispose();
    }

    /// <summary>Removes every Event whose TTL has run out; returns how many were removed.</summary>
    public int Sweep()
    {
        var removed = 0;
        foreach (var due in _schedule.TakeDue(_clock.GetUtcNow().UtcDateTime))
            if (_store.Remove(ResourceCatalog.Events, due.Namespace, due.Name, due.Uid) is not null) removed++;
        return removed;
    }

    private void OnChanged(StoreChange change)
    {
        if (change.Kind != ResourceCatalog.Events) return;
        var meta = change.Object.Metadata;
        if (string.IsNullOrEmpty(meta.Uid)) return;
        if (change.Type == WatchEventType.Deleted)
            _schedule.Forget(meta.Uid);
        else
            _schedule.Renew(meta.Uid, new EventKey(meta.NamespaceProperty, meta.Name, meta.Uid), _clock.GetUtcNow().UtcDateTime + _ttl);
    }

    private async Task SweepPeriodicallyAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sweep();
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private sealed record EventKey(string Namespace, string Name, string Uid);
}
