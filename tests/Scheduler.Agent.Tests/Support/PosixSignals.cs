using System.Runtime.InteropServices;

namespace Scheduler.Agent.Tests.Support;

/// <summary>kill(2): real signals to processes and process groups.</summary>
public static class PosixSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;
    private const int NoSuchProcess = 3;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/> (a negative pid is a process group); false when nothing is there.</summary>
    public static bool Send(int pid, int signal)
    {
        if (kill(pid, signal) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == NoSuchProcess ? false : throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {errno}");
    }

    /// <summary>True while any process of the group led by <paramref name="pgid"/> exists.</summary>
    public static bool GroupExists(int pgid) => kill(-pgid, 0) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
