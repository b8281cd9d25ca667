using System.Threading.RateLimiting;

namespace Scheduler.Kube.Resilience;

internal static class RateLimiterExtensions
{
    /// <summary>Waits for one token; the lease holds nothing, token buckets do not give tokens back.</summary>
    public static async ValueTask WaitForTokenAsync(this RateLimiter limiter, CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(1, ct).ConfigureAwait(false);
        if (!lease.IsAcquired) throw new RateLimitedException();
    }
}
