namespace Scheduler.LocalKube.Lifecycle;

/// <summary>
/// When each tracked item expires (pure, thread-safe): renewed on every write, forgotten on delete, handed out once due.
/// </summary>
internal sealed class ExpirySchedule<TKey, TItem> where TKey : notnull
{
    private readonly object _gate = new();
    private readonly Dictionary<TKey, (TItem Item, DateTime ExpiresAt)> _entries = new();

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    public void Renew(TKey key, TItem item, DateTime expiresAt)
    {
        lock (_gate) _entries[key] = (item, expiresAt);
    }

    public void Forget(TKey key)
    {
        lock (_gate) _entries.Remove(key);
    }

    /// <summary>Removes and returns every item whose expiry is at or before <paramref name="now"/>.</summary>
    public IReadOnlyList<TItem> TakeDue(DateTime now)
    {
        lock (_gate)
        {
            var due = _entries.Where(pair => pair.Value.ExpiresAt <= now).ToList();
            foreach (var pair in due) _entries.Remove(pair.Key);
            return due.Select(pair => pair.Value.Item).ToList();
        }
    }
}
