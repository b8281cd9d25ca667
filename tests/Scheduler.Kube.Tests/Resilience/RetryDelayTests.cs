using System.Net.Http.Headers;
using Scheduler.Kube.Resilience;

namespace Scheduler.Kube.Tests.Resilience;

public class RetryDelayTests
{
    private static readonly KubeRetryOptions Defaults = new();

    [Theory]
    [InlineData(0, 250, 500)]
    [InlineData(1, 500, 1000)]
    [InlineData(2, 1000, 2000)]
    [InlineData(3, 1000, 2000)]
    [InlineData(10, 1000, 2000)]
    public void Backoff_doubles_from_500ms_and_is_capped_at_2s_with_half_of_it_jittered(int attempt, int minMs, int maxMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(minMs), RetryDelay.Next(attempt, null, Defaults, jitter: 0));
        Assert.Equal(TimeSpan.FromMilliseconds(maxMs), RetryDelay.Next(attempt, null, Defaults, jitter: 1));
    }

    [Fact]
    public void Retry_after_wins_over_backoff() =>
        Assert.Equal(TimeSpan.FromSeconds(3), RetryDelay.Next(0, TimeSpan.FromSeconds(3), Defaults, jitter: 0.5));

    [Fact]
    public void Retry_after_is_capped() =>
        Assert.Equal(Defaults.MaxRetryAfter, RetryDelay.Next(0, TimeSpan.FromHours(1), Defaults, jitter: 0.5));

    [Fact]
    public void Retry_after_reads_seconds_and_dates()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(30)), now));
        Assert.Null(RetryDelay.RetryAfter(null, now));
    }
}
