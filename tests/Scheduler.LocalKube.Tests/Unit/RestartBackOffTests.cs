using Scheduler.LocalKube.Kubelet;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

public class RestartBackOffTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_first_restart_is_immediate_then_the_delay_doubles_up_to_5_minutes()
    {
        var backOff = new RestartBackOff(TimeSpan.FromSeconds(10));
        var at = T0;
        var delays = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var delay = backOff.Next(at);
            delays.Add(delay.TotalSeconds);
            at += delay + TimeSpan.FromSeconds(1);
        }

        Assert.Equal([0, 10, 20, 40, 80, 160, 300, 300], delays);
    }

    [Fact]
    public void A_run_longer_than_10_minutes_resets_the_back_off()
    {
        var backOff = new RestartBackOff(TimeSpan.FromSeconds(10));
        backOff.Next(T0);
        Assert.Equal(TimeSpan.FromSeconds(10), backOff.Next(T0.AddSeconds(1)));

        Assert.Equal(TimeSpan.Zero, backOff.Next(T0.AddMinutes(11)));
        Assert.Equal(TimeSpan.FromSeconds(10), backOff.Next(T0.AddMinutes(11).AddSeconds(1)));
    }

    [Theory]
    [InlineData(200, "200ms")]
    [InlineData(1600, "1.6s")]
    [InlineData(10_000, "10s")]
    [InlineData(80_000, "1m20s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    public void Delays_are_written_as_Go_durations(int milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
