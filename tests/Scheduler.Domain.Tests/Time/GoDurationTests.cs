using Scheduler.Domain.Time;

namespace Scheduler.Domain.Tests.Time;

public class GoDurationTests
{
    [Theory]
    [InlineData("5h", 5 * 3600_000L)]
    [InlineData("5h5m", (5 * 60 + 5) * 60_000L)]
    [InlineData("3m", 180_000L)]
    [InlineData("15m", 900_000L)]
    [InlineData("90s", 90_000L)]
    [InlineData("1h30m0s", 5400_000L)]
    [InlineData("250ms", 250L)]
    [InlineData("1.5h", 5400_000L)]
    [InlineData("0", 0L)]
    [InlineData(" 2m ", 120_000L)]
    public void Parses_go_durations(string text, long expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), GoDuration.Parse(text));
    }

    [Fact]
    public void Parses_sub_millisecond_units()
    {
        Assert.Equal(TimeSpan.FromTicks(15), GoDuration.Parse("1500ns"));
        Assert.Equal(TimeSpan.FromMicroseconds(3), GoDuration.Parse("3us"));
        Assert.Equal(TimeSpan.FromMicroseconds(3), GoDuration.Parse("3µs"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("5", "missing unit")]
    [InlineData("-1m", "must not be signed")]
    [InlineData("abc", "expected a number")]
    [InlineData("5x", "unknown unit \"x\"")]
    [InlineData("1h 30m", "unknown unit")]
    [InlineData("m5", "expected a number")]
    public void Rejects_bad_durations_with_a_message_quoting_the_input(string text, string reason)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Contains($"\"{text}\"", error);
        Assert.Contains(reason, error);
        var ex = Assert.Throws<FormatException>(() => GoDuration.Parse(text));
        Assert.Equal(error, ex.Message);
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(GoDuration.TryParse(null, out _, out var error));
        Assert.Contains("empty", error);
    }

    [Theory]
    [InlineData("5h", "5h0m0s")]
    [InlineData("5h5m", "5h5m0s")]
    [InlineData("90s", "1m30s")]
    [InlineData("250ms", "250ms")]
    [InlineData("1.5s", "1.5s")]
    [InlineData("0", "0s")]
    [InlineData("30h", "30h0m0s")]
    [InlineData("3us", "3µs")]
    public void Formats_like_go(string text, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(GoDuration.Parse(text)));
    }

    [Fact]
    public void Format_round_trips()
    {
        var value = TimeSpan.FromHours(26) + TimeSpan.FromMinutes(7) + TimeSpan.FromMilliseconds(1500);
        Assert.Equal(value, GoDuration.Parse(GoDuration.Format(value)));
    }
}
