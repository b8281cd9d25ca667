using System.Collections.Concurrent;

namespace Scheduler.Agent.Logs;

/// <summary>
/// Wakes this process's followers of a job's log when it changes, so following needs no polling.
/// A follower takes <see cref="Next"/> before reading, so a change that lands after its read still wakes it.
/// </summary>
public sealed class LogAppendSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();

    public Task Next(string jobId) =>
        _waiting.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Pulse(string jobId)
    {
        if (_waiting.TryRemove(jobId, out var waiting))
            waiting.TrySetResult();
    }

    /// <summary>Wakes every follower, for when changes may have gone unseen (a lost connection to the other replicas).</summary>
    public void PulseAll()
    {
        foreach (var jobId in _waiting.Keys)
            Pulse(jobId);
    }
}
