namespace Scheduler.LocalKube.Tests.Support;

/// <summary>Finds live processes by an environment variable value, through /proc (zombies have an empty environ).</summary>
public static class MarkedProcesses
{
    public static IReadOnlyList<int> Find(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Contains(marker, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours.
            }
        }
        return found;
    }

    /// <summary>SIGKILLs whatever still carries the marker (test cleanup).</summary>
    public static void KillAll(string marker)
    {
        foreach (var pid in Find(marker))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}
