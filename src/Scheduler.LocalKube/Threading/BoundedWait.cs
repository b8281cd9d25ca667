namespace Scheduler.LocalKube.Threading;

/// <summary>
/// Waits for a task with a time limit. Unlike <c>Task.WhenAny(task, Task.Delay(limit))</c>, no timer is left
/// pending for the rest of the limit once the task has finished: with a 30 s grace period per deleted pod those
/// timers piled up by the thousand under churn.
/// </summary>
internal static class BoundedWait
{
    /// <summary>True when <paramref name="task"/> finished (in any state) within <paramref name="limit"/>; never throws its exception.</summary>
    public static async Task<bool> FinishedWithinAsync(this Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (task.IsCompleted)
        {
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
