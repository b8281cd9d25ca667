namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// Live (non-zombie) host processes, read from /proc. LocalKube pods are host processes, so a marker in a task's
/// environment finds every process of its pod, and a step's process group can be watched directly.
/// </summary>
public static class HostProcesses
{
    /// <summary>Pids whose environment contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> WithMarker(string marker) =>
        Live().Where(pid => Read(pid, "environ")?.Contains(marker, StringComparison.Ordinal) == true).ToList();

    /// <summary>Pids of live members of process group <paramref name="pgid"/>.</summary>
    public static IReadOnlyList<int> InGroup(int pgid) =>
        Live().Where(pid => StatFields(pid) is { } f && f.Length > 2 && f[2] == pgid.ToString()).ToList();

    /// <summary>SIGKILLs whatever still carries the marker (cleanup after a failed test).</summary>
    public static void KillMarked(string marker)
    {
        foreach (var pid in WithMarker(marker))
            PosixSignals.Send(pid, PosixSignals.SigKill);
    }

    private static IEnumerable<int> Live()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && StatFields(pid) is { Length: > 0 } fields && fields[0] != "Z")
                yield return pid;
        }
    }

    /// <summary>The fields of /proc/pid/stat after the command name: state, ppid, pgrp, …</summary>
    private static string[]? StatFields(int pid)
    {
        var stat = Read(pid, "stat");
        var end = stat?.LastIndexOf(')') ?? -1;
        return end < 0 ? null : stat![(end + 2)..].Split(' ');
    }

    private static string? Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended while we looked, or is not ours
        }
    }
}
