namespace Scheduler.LocalKube.Kubelet.Logs;

/// <summary>Pure selection of log entries: the since filter and the tail of what is already written.</summary>
public static class LogSelection
{
    public static bool IsAfter(LogEntry entry, DateTimeOffset? since) => since is null || entry.Time >= since;

    /// <summary>The entries a log request returns at once, before following.</summary>
    public static IReadOnlyList<LogEntry> Initial(IReadOnlyList<LogEntry> entries, DateTimeOffset? since, long? tailLines)
    {
        var selected = entries.Where(e => IsAfter(e, since)).ToList();
        if (tailLines is { } tail && tail < selected.Count)
            selected = selected.GetRange(selected.Count - (int)tail, (int)tail);
        return selected;
    }
}
