using k8s;
using k8s.Models;

namespace Scheduler.Kube.Watch;

/// <summary>
/// Thread-safe pods-by-name cache fed by a watch, with waiters that are checked against every change of their pod.
/// Updates and waiter checks happen under one lock, so a waiter can never miss the change that satisfies it.
/// Waiter conditions run under that lock and must be quick, pure predicates.
/// </summary>
public sealed class PodCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Waiter>> _waiters = new(StringComparer.Ordinal);

    public V1Pod? Get(string name)
    {
        lock (_gate) return _pods.GetValueOrDefault(name);
    }

    public IReadOnlyCollection<V1Pod> Snapshot()
    {
        lock (_gate) return _pods.Values.ToList();
    }

    /// <summary>Applies one watch event; null for events that change nothing (bookmarks, errors).</summary>
    public PodChange? Apply(WatchEventType type, V1Pod pod)
    {
        lock (_gate)
        {
            var name = pod.Metadata.Name;
            PodChange? change = type switch
            {
                WatchEventType.Added or WatchEventType.Modified => Upsert(pod),
                WatchEventType.Deleted => Remove(name, pod),
                _ => null,
            };
            if (change is not null) NotifyWaiters(name);
            return change;
        }
    }

    /// <summary>Replaces the whole content with a fresh LIST and returns the differences as changes (a re-sync).</summary>
    public IReadOnlyList<PodChange> Replace(IEnumerable<V1Pod> pods)
    {
        lock (_gate)
        {
            var fresh = pods.ToDictionary(p => p.Metadata.Name, StringComparer.Ordinal);
            var changes = new List<PodChange>();
            foreach (var (name, old) in _pods.ToList())
            {
                if (fresh.ContainsKey(name)) continue;
                _pods.Remove(name);
                changes.Add(new PodChange(PodChangeKind.Deleted, old));
            }
            foreach (var pod in fresh.Values)
            {
                if (_pods.TryGetValue(pod.Metadata.Name, out var old) && old.Metadata.ResourceVersion == pod.Metadata.ResourceVersion) continue;
                changes.Add(Upsert(pod));
            }
            foreach (var change in changes) NotifyWaiters(change.Name);
            return changes;
        }
    }

    /// <summary>Completes when the cached pod (null when absent) satisfies <paramref name="condition"/>: now, or at a later change.</summary>
    public Task<V1Pod?> WaitForAsync(string name, Func<V1Pod?, bool> condition, CancellationToken ct)
    {
        var waiter = new Waiter(condition);
        lock (_gate)
        {
            if (waiter.TryComplete(_pods.GetValueOrDefault(name))) return waiter.Task;
            if (!_waiters.TryGetValue(name, out var list)) _waiters[name] = list = [];
            list.Add(waiter);
        }
        if (ct.CanBeCanceled)
        {
            var registration = ct.Register(() =>
            {
                lock (_gate) RemoveWaiter(name, waiter);
                waiter.Cancel(ct);
            });
            waiter.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }
        return waiter.Task;
    }

    private PodChange Upsert(V1Pod pod)
    {
        var existed = _pods.ContainsKey(pod.Metadata.Name);
        _pods[pod.Metadata.Name] = pod;
        return new PodChange(existed ? PodChangeKind.Modified : PodChangeKind.Added, pod);
    }

    private PodChange Remove(string name, V1Pod lastState)
    {
        _pods.Remove(name);
        return new PodChange(PodChangeKind.Deleted, lastState);
    }

    private void NotifyWaiters(string name)
    {
        if (!_waiters.TryGetValue(name, out var list)) return;
        var current = _pods.GetValueOrDefault(name);
        list.RemoveAll(w => w.TryComplete(current));
        if (list.Count == 0) _waiters.Remove(name);
    }

    private void RemoveWaiter(string name, Waiter waiter)
    {
        if (!_waiters.TryGetValue(name, out var list)) return;
        list.Remove(waiter);
        if (list.Count == 0) _waiters.Remove(name);
    }

    private sealed class Waiter(Func<V1Pod?, bool> condition)
    {
        private readonly TaskCompletionSource<V1Pod?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<V1Pod?> Task => _completion.Task;

        /// <summary>True when the waiter is finished (satisfied, faulted or already cancelled) and can be dropped.</summary>
        public bool TryComplete(V1Pod? pod)
        {
            if (_completion.Task.IsCompleted) return true;
            try
            {
                if (!condition(pod)) return false;
                _completion.TrySetResult(pod);
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }
            return true;
        }

        public void Cancel(CancellationToken ct) => _completion.TrySetCanceled(ct);
    }
}
