namespace Scheduler.LocalKube.Kubelet;

/// <summary>Signals every process of a container found through <see cref="ProcessTable"/>, detached ones included.</summary>
public static class ContainerReaper
{
    private static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillRetryPause = TimeSpan.FromMilliseconds(10);

    public static void Signal(string marker, int signal)
    {
        foreach (var pid in ProcessTable.FindMarked(ContainerMarker.Variable, marker))
            ProcessGroup.SignalProcess(pid, signal);
    }

    /// <summary>
    /// SIGKILLs the container's processes until a scan finds none, for at most <see cref="KillLimit"/>: a process
    /// that forked while it was being killed leaves a child that only the next scan sees.
    /// </summary>
    public static async Task KillAllAsync(string marker)
    {
        var deadline = DateTime.UtcNow + KillLimit;
        while (ProcessTable.FindMarked(ContainerMarker.Variable, marker) is { Count: > 0 } pids && DateTime.UtcNow < deadline)
        {
            foreach (var pid in pids)
                ProcessGroup.SignalProcess(pid, ProcessGroup.SigKill);
            await Task.Delay(KillRetryPause).ConfigureAwait(false);
        }
    }
}
