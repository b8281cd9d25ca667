using Scheduler.LocalKube.Kubelet.Logs;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// One run of a container (the kubelet creates a new container for every restart): its log, its live output for
/// attach sessions and its exit code.
/// </summary>
public sealed class ContainerRun(string logFile)
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ContainerLog Log { get; } = new(logFile);

    public OutputBroadcast Output { get; } = new();

    /// <summary>The run's exit code; -1 when its process never ran.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Ends the run: the log is complete, followers and attach sessions finish. Only the first call counts.</summary>
    public void Complete(int exitCode)
    {
        Log.Complete();
        _exited.TrySetResult(exitCode);
        Output.Complete();
    }
}
