using Scheduler.Kube.Steps.Detached;

namespace Scheduler.Kube.Tests.Steps;

public class StepEndTests
{
    [Theory]
    [InlineData("0 12 3", 0, "0", 12, 3)]
    [InlineData("137 0 0", 137, "137", 0, 0)]
    [InlineData("gone 5 1", null, "gone", 5, 1)]
    [InlineData("unlaunched 0 0", null, "unlaunched", 0, 0)]
    public void Parses_the_status_and_the_file_sizes(string payload, int? exitCode, string status, long stdout, long stderr) =>
        Assert.Equal(new StepEnd(exitCode, status, stdout, stderr), StepEnd.Parse(payload));

    [Theory]
    [InlineData("0 live", 0, "0")]
    [InlineData("gone live", null, "gone")]
    public void Parses_the_end_of_a_live_follow(string payload, int? exitCode, string status) =>
        Assert.Equal(new StepEnd(exitCode, status, 0, 0, StreamedLive: true), StepEnd.Parse(payload));

    [Theory]
    [InlineData("0 12")]
    [InlineData("0 live 3")]
    [InlineData("0 -1 3")]
    [InlineData("")]
    public void Rejects_a_malformed_marker(string payload) => Assert.Throws<FormatException>(() => StepEnd.Parse(payload));

    [Fact]
    public void Offsets_cover_an_end_only_when_every_byte_of_both_files_arrived()
    {
        var end = new StepEnd(0, "0", 10, 4);
        Assert.True(new StreamOffsets(10, 4).Covers(end));
        Assert.False(new StreamOffsets(9, 4).Covers(end));
        Assert.False(StreamOffsets.Start.Advance(Scheduler.Kube.Steps.OutputStream.Stdout, 10).Covers(end));
        Assert.True(StreamOffsets.Start.Covers(end with { StreamedLive = true }));
    }
}
