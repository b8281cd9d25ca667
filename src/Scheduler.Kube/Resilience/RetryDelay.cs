using System.Net.Http.Headers;

namespace Scheduler.Kube.Resilience;

/// <summary>How long to wait before the next attempt.</summary>
public static class RetryDelay
{
    /// <summary>
    /// A server's <c>Retry-After</c> wins (capped by <see cref="KubeRetryOptions.MaxRetryAfter"/>); otherwise exponential
    /// backoff from <see cref="KubeRetryOptions.BaseDelay"/>, capped by <see cref="KubeRetryOptions.MaxDelay"/>, with "equal jitter":
    /// half the delay fixed, half random, so replicas that failed together do not retry together.
    /// </summary>
    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan Next(int attempt, TimeSpan? retryAfter, KubeRetryOptions options, double jitter)
    {
        if (retryAfter is { } serverDelay)
            return serverDelay < TimeSpan.Zero ? TimeSpan.Zero : Min(serverDelay, options.MaxRetryAfter);

        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * jitter);
    }

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
