namespace Scheduler.Agent.Tests.Support;

/// <summary>Awaits a condition with a deadline, polling it; for state that other processes change.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="condition"/> holds and returns that value. A probe may throw
    /// <see cref="GiveUpException"/> when the awaited state can no longer come (e.g. the job already ended).
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var last = await probe();
            if (condition(last))
                return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0}s waiting for {what}; last value: {Describe(last)}");
            await Task.Delay(PollInterval);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), ok => ok, what, timeout);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>()) + "]",
        _ => value.ToString() ?? "",
    };
}

/// <summary>Thrown by a probe of <see cref="Eventually"/> when waiting longer is pointless.</summary>
public sealed class GiveUpException(string message) : Exception(message);
