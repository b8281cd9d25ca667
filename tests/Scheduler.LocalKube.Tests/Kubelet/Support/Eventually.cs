namespace Scheduler.LocalKube.Tests.Kubelet.Support;

/// <summary>Polls a condition that raises no event (a file a process writes) until it holds or the deadline passes.</summary>
public static class Eventually
{
    public static async Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
