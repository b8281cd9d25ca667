namespace Scheduler.Benchmarks.Resources;

/// <summary>One row of /proc/&lt;pid&gt;/stat.</summary>
public sealed record ProcessEntry(int Pid, int ParentPid, char State, string Command)
{
    /// <summary>Parses a stat line: <c>pid (comm) state ppid …</c>; comm may itself hold spaces and parentheses.</summary>
    public static ProcessEntry? Parse(string stat)
    {
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
            return null;
        var rest = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return rest.Length >= 2 && int.TryParse(stat[..open].Trim(), out var pid) && int.TryParse(rest[1], out var ppid)
            ? new ProcessEntry(pid, ppid, rest[0][0], stat[(open + 1)..close])
            : null;
    }
}

/// <summary>Reads the processes of this machine from /proc.</summary>
public static class ProcessTable
{
    public static IReadOnlyList<ProcessEntry> Read()
    {
        var entries = new List<ProcessEntry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
                continue;
            if (TryRead(Path.Combine(directory, "stat")) is { } stat && ProcessEntry.Parse(stat) is { } entry)
                entries.Add(entry);
        }
        return entries;
    }

    /// <summary>Every process whose parent chain leads to <paramref name="root"/> (zombies included).</summary>
    public static IReadOnlyList<ProcessEntry> Descendants(IReadOnlyList<ProcessEntry> table, int root)
    {
        var children = table.ToLookup(e => e.ParentPid);
        var found = new List<ProcessEntry>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
            foreach (var child in children[pid])
            {
                found.Add(child);
                pending.Push(child.Pid);
            }
        return found;
    }

    /// <summary>
    /// Processes whose environment holds <paramref name="variable"/>=<paramref name="value"/>: pod processes that escaped
    /// the parent chain (re-parented to init after their parent died) are still found this way.
    /// </summary>
    public static IReadOnlyList<ProcessEntry> WithEnvironment(IReadOnlyList<ProcessEntry> table, string variable, string value)
    {
        var marker = $"{variable}={value}";
        return table.Where(e => TryRead($"/proc/{e.Pid}/environ") is { } environ && environ.Split('\0').Contains(marker)).ToList();
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the process exited meanwhile, or belongs to someone else
        }
    }
}
