using System.Threading.RateLimiting;

namespace Scheduler.Kube.Resilience;

/// <summary>Takes one token from the replica's limiter before each HTTP attempt (retries included).</summary>
public sealed class RateLimitingHandler(RateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await limiter.WaitForTokenAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
