using System.Text;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// Finds a container's processes in <c>/proc</c>: those whose environment holds its <see cref="ContainerMarker"/>,
/// plus their descendants.
/// </summary>
/// <remarks>
/// Without cgroups, the environment is the one mark that every descendant inherits through fork, exec, setsid and
/// double forks (a daemon reparented to init keeps it), and it is there from the first instruction, so a scan at stop
/// time finds them all with nothing to poll in between. Tracking parent pids periodically instead would lose a process
/// that detaches and is reparented to init between two polls. Parent pids still serve as a second net: a child started
/// with a cleared environment (<c>env -i</c>) is found while its marked parent lives. A process that both clears its
/// environment and detaches escapes.
/// </remarks>
public static class ProcessTable
{
    public static IReadOnlyList<int> FindMarked(string variable, string value)
    {
        var entry = Encoding.UTF8.GetBytes($"{variable}={value}");
        var self = Environment.ProcessId;
        var parents = new Dictionary<int, int>();
        var found = new HashSet<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == self || ReadParent(directory) is not { } parent)
                continue;
            parents[pid] = parent;
            if (HasEntry(Path.Combine(directory, "environ"), entry))
                found.Add(pid);
        }
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
                if (found.Contains(parent) && found.Add(pid))
                    grew = true;
        }
        while (grew);
        return found.ToList();
    }

    /// <summary>The parent pid from <c>/proc/pid/stat</c>; null for a process that is gone or a zombie (nothing left to kill).</summary>
    private static int? ReadParent(string directory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 3);
        if (fields.Length < 3 || fields[0] is "Z" or "X")
            return null;
        return int.TryParse(fields[1], out var parent) ? parent : null;
    }

    private static bool HasEntry(string environPath, byte[] entry)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes(environPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        foreach (var range in environ.AsSpan().Split((byte)0))
            if (environ.AsSpan(range).SequenceEqual(entry))
                return true;
        return false;
    }
}
