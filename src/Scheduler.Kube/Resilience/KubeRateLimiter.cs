using System.Threading.RateLimiting;

namespace Scheduler.Kube.Resilience;

/// <summary>Builds the replica's token-bucket limiter from <see cref="KubeRateLimitOptions"/>.</summary>
public static class KubeRateLimiter
{
    public static RateLimiter Create(KubeRateLimitOptions options)
    {
        if (options.Qps <= 0) throw new ArgumentOutOfRangeException(nameof(options), "Qps must be positive.");
        if (options.Burst < 1) throw new ArgumentOutOfRangeException(nameof(options), "Burst must be at least 1.");

        // Replenish in small periods so the bucket refills smoothly instead of in one-second lumps.
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(options.Qps / 10));
        var period = TimeSpan.FromSeconds(tokensPerPeriod / options.Qps);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
