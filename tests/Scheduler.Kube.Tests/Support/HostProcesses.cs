namespace Scheduler.Kube.Tests.Support;

/// <summary>LocalKube's pods are host processes: finds them by a marker in their command line.</summary>
public static class HostProcesses
{
    public static IReadOnlyList<int> WithCommandLine(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(marker, StringComparison.Ordinal) && !IsZombie(dir)) found.Add(pid);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    private static bool IsZombie(string dir) => File.ReadAllText(Path.Combine(dir, "stat")).Split(") ").Last().StartsWith('Z');
}
