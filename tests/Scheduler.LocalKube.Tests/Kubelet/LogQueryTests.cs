using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Scheduler.LocalKube.Kubelet.Logs;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

public class LogQueryTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static QueryCollection Query(params (string Key, string Value)[] pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => new StringValues(p.Value)));

    [Fact]
    public void Parses_every_option()
    {
        var (query, error) = LogQuery.Parse(Query(("container", "c"), ("follow", "true"), ("timestamps", "1"),
            ("tailLines", "5"), ("sinceSeconds", "60"), ("limitBytes", "100")));
        Assert.Null(error);
        Assert.Equal(new LogQuery("c", true, true, 5, 60, null, 100), query);
        Assert.Equal(T0.AddSeconds(-60), query!.Since(T0));
    }

    [Theory]
    [InlineData("sinceSeconds", "0")]
    [InlineData("limitBytes", "-1")]
    [InlineData("tailLines", "x")]
    [InlineData("sinceTime", "yesterday")]
    public void Rejects_invalid_values(string key, string value)
    {
        var (query, error) = LogQuery.Parse(Query((key, value)));
        Assert.Null(query);
        Assert.NotNull(error);
    }

    [Fact]
    public void Rejects_both_since_options()
    {
        Assert.NotNull(LogQuery.Parse(Query(("sinceSeconds", "5"), ("sinceTime", "2024-05-01T10:00:00Z"))).Error);
    }

    [Fact]
    public void Cri_lines_round_trip_including_partial_lines()
    {
        var entry = new LogEntry(T0.AddTicks(1234500), "stderr", true, "no newline"u8.ToArray());
        var line = entry.ToCriLine();
        Assert.Equal("2024-05-01T10:00:00.12345Z stderr P no newline\n", Encoding.UTF8.GetString(line));
        var parsed = LogEntry.ParseCriLine(line.AsSpan(0, line.Length - 1))!;
        Assert.Equal(entry.Time, parsed.Time);
        Assert.Equal("stderr", parsed.Stream);
        Assert.True(parsed.Partial);
        Assert.Equal(entry.Content, parsed.Content);
    }

    [Fact]
    public void Rendering_adds_newlines_to_full_lines_and_optional_timestamps()
    {
        var full = new LogEntry(T0, "stdout", false, "hi"u8.ToArray());
        Assert.Equal("hi\n", Encoding.UTF8.GetString(full.Render(false)));
        Assert.Equal("2024-05-01T10:00:00Z hi\n", Encoding.UTF8.GetString(full.Render(true)));
        Assert.Equal("x", Encoding.UTF8.GetString((full with { Partial = true, Content = "x"u8.ToArray() }).Render(false)));
    }

    [Fact]
    public void Tail_and_since_select_the_right_entries()
    {
        var entries = Enumerable.Range(0, 10)
            .Select(i => new LogEntry(T0.AddSeconds(i), "stdout", false, Encoding.UTF8.GetBytes(i.ToString()))).ToList();
        Assert.Equal(["7", "8", "9"], LogSelection.Initial(entries, null, 3).Select(Text));
        Assert.Equal(["8", "9"], LogSelection.Initial(entries, T0.AddSeconds(8), null).Select(Text));
        Assert.Equal(["9"], LogSelection.Initial(entries, T0.AddSeconds(5), 1).Select(Text));
        Assert.Empty(LogSelection.Initial(entries, null, 0));
    }

    [Fact]
    public void Byte_budget_truncates_and_then_is_exhausted()
    {
        var budget = new ByteBudget(5);
        Assert.Equal(3, budget.Take("abc"u8.ToArray()).Length);
        Assert.Equal(2, budget.Take("defg"u8.ToArray()).Length);
        Assert.True(budget.Exhausted);
        Assert.False(new ByteBudget(null).Exhausted);
    }

    private static string Text(LogEntry e) => Encoding.UTF8.GetString(e.Content);
}
