using System.Text;
using Scheduler.Kube.Steps.Detached;

namespace Scheduler.Kube.Tests.Steps;

public class MarkerScannerTests
{
    private static readonly StepMarker Marker = new("abc123");

    private static string Feed(MarkerScanner scanner, params string[] chunks)
    {
        var output = new StringBuilder();
        foreach (var chunk in chunks) output.Append(Encoding.UTF8.GetString(scanner.Feed(Encoding.UTF8.GetBytes(chunk))));
        return output.ToString();
    }

    [Fact]
    public void Output_before_the_marker_passes_and_the_marker_line_is_stripped()
    {
        var scanner = new MarkerScanner(Marker.PrefixBytes);
        Assert.Equal("hello\nno newline", Feed(scanner, $"hello\nno newline{Marker.Prefix}3\n"));
        Assert.Equal("3", scanner.Payload);
    }

    [Fact]
    public void A_marker_split_across_many_chunks_is_found()
    {
        var scanner = new MarkerScanner(Marker.PrefixBytes);
        var all = $"out{Marker.Prefix}42\n";
        var chunks = all.Select(c => c.ToString()).ToArray();
        Assert.Equal("out", Feed(scanner, chunks));
        Assert.Equal("42", scanner.Payload);
    }

    [Fact]
    public void Text_that_only_looks_like_the_start_of_the_marker_is_released()
    {
        var scanner = new MarkerScanner(Marker.PrefixBytes);
        Assert.Equal("a __sched_abc_x", Feed(scanner, "a __sched_abc", "_x"));
        Assert.False(scanner.Completed);
    }

    [Fact]
    public void A_marker_of_another_run_is_ordinary_output()
    {
        var scanner = new MarkerScanner(Marker.PrefixBytes);
        var old = new StepMarker("abc124").Prefix + "0\n";
        Assert.Equal(old, Feed(scanner, old));
        Assert.False(scanner.Completed);
    }

    [Fact]
    public void Held_back_bytes_are_output_when_the_stream_ends()
    {
        var scanner = new MarkerScanner(Marker.PrefixBytes);
        Assert.Equal("x", Feed(scanner, "x__sched_ab"));
        Assert.Equal("__sched_ab", Encoding.UTF8.GetString(scanner.TakePending()));
    }

    [Fact]
    public void A_payload_of_several_words_is_read_whole()
    {
        var scanner = new MarkerScanner(Marker.PrefixBytes);
        Assert.Equal("out", Feed(scanner, $"out{Marker.Prefix}gone 12", " 0\n"));
        Assert.Equal("gone 12 0", scanner.Payload);
    }

    [Fact]
    public void Nothing_after_the_marker_line_is_output()
    {
        var scanner = new MarkerScanner(Marker.PrefixBytes);
        Assert.Equal("", Feed(scanner, $"{Marker.Prefix}0\n", "later"));
        Assert.Equal("0", scanner.Payload);
    }
}
