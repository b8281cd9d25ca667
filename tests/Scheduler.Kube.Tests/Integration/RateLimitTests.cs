using System.Net.WebSockets;
using System.Threading.RateLimiting;
using Scheduler.Kube.Gateway;
using Scheduler.Kube.Tests.Support;
using Scheduler.LocalKube.Faults;

namespace Scheduler.Kube.Tests.Integration;

public sealed class RateLimitTests : KubeTestCluster
{
    [Fact]
    public async Task Requests_beyond_the_burst_wait_for_a_token()
    {
        // The bucket only refills when the test says so: no wall-clock in the assertion.
        using var limiter = ManualLimiter(tokens: 2);
        var counter = new RequestCounter();
        using var connection = Connect(limiter, counter);
        var gateway = new KubeGateway(connection, new KubeGatewayOptions(JobLabel));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var calls = Enumerable.Range(0, 3).Select(_ => gateway.ListNodesAsync(timeout.Token)).ToList();

        await Eventually.TrueAsync(() => calls.Count(c => c.IsCompleted) == 2, "two calls within the burst to finish");
        Assert.Equal(1, limiter.GetStatistics()!.CurrentQueuedCount);
        Assert.Equal(2, counter.All.Count);

        Assert.True(limiter.TryReplenish());
        await Task.WhenAll(calls);
        Assert.Equal(3, counter.All.Count);
    }

    [Fact]
    public async Task Every_retry_attempt_costs_a_token()
    {
        using var limiter = ManualLimiter(tokens: 2);
        var counter = new RequestCounter();
        using var connection = Connect(limiter, counter);
        var gateway = new KubeGateway(connection, new KubeGatewayOptions(JobLabel));
        Server.Faults.FailNext(2, FaultKind.InternalError, "list", "nodes");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var call = gateway.ListNodesAsync(timeout.Token);

        // Two failed attempts used both tokens; the third attempt (which would succeed) waits for a refill.
        await Eventually.TrueAsync(() => limiter.GetStatistics()!.CurrentQueuedCount == 1, "the retry to queue for a token");
        Assert.Equal(2, counter.All.Count);
        Assert.False(call.IsCompleted);

        Assert.True(limiter.TryReplenish());
        Assert.NotEmpty(await call);
        Assert.Equal(3, counter.All.Count);
    }

    [Fact]
    public async Task Stream_opens_take_a_token_per_attempt_and_retry_a_refused_upgrade()
    {
        using var limiter = ManualLimiter(tokens: 100);
        using var connection = Connect(limiter);
        var attempts = 0;

        await Assert.ThrowsAsync<WebSocketException>(() => connection.OpenStreamAsync(
            (_, _) =>
            {
                attempts++;
                return Task.FromException<WebSocket>(new WebSocketException("The server returned status code '503' when status code '101' was expected."));
            },
            CancellationToken.None).AsTask());

        Assert.Equal(FastRetry.MaxAttempts, attempts);
        Assert.Equal(attempts, limiter.GetStatistics()!.TotalSuccessfulLeases);
    }

    /// <summary>A bucket that only refills when the test calls TryReplenish (a manual replenish still waits one period, hence one tick).</summary>
    private static TokenBucketRateLimiter ManualLimiter(int tokens) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = tokens,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(1),
        QueueLimit = 10,
        AutoReplenishment = false,
    });
}
