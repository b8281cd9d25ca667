using System.Runtime.InteropServices;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// Signals whole process groups. Every container and exec process is launched through <c>setsid</c>,
/// so its pid is also its process group id and its children share the group.
/// </summary>
public static class ProcessGroup
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Signals the group led by <paramref name="pgid"/>; falls back to the process itself if setsid has not run yet.</summary>
    public static bool Signal(int pgid, int signal) => kill(-pgid, signal) == 0 || kill(pgid, signal) == 0;

    /// <summary>Signals one process (one found outside the groups, such as a detached one).</summary>
    public static bool SignalProcess(int pid, int signal) => kill(pid, signal) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
