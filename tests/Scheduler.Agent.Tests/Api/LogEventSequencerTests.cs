using System.Text;
using Scheduler.Agent.Api;
using Scheduler.Agent.Logs;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

public sealed class LogEventSequencerTests
{
    [Fact]
    public void A_chunk_spanning_a_step_boundary_is_split_there()
    {
        var sequencer = new LogEventSequencer(fromOffset: 0);
        LogStep[] steps = [new(0, "a", 0, 3, 0), new(1, "b", 3, null, null)];

        var events = sequencer.Next(Chunk(0, "abcdef"), steps).Select(Describe);

        Assert.Equal(["stepStarted@0#0", "output@0:abc", "stepFinished@3#0", "stepStarted@3#1", "output@3:def"], events);
    }

    [Fact]
    public void Each_boundary_is_emitted_once_and_silent_steps_come_out_at_the_end()
    {
        var sequencer = new LogEventSequencer(fromOffset: 0);
        LogStep[] running = [new(0, "a", 0, null, null)];
        LogStep[] done = [new(0, "a", 0, 2, 0), new(1, "silent", 2, 2, 0)];

        var first = sequencer.Next(Chunk(0, "ab"), running).Select(Describe).ToList();
        var last = sequencer.Finish(done, 2).Select(Describe).ToList();

        Assert.Equal(["stepStarted@0#0", "output@0:ab"], first);
        Assert.Equal(["stepFinished@2#0", "stepStarted@2#1", "stepFinished@2#1", "end@2"], last);
    }

    [Fact]
    public void Boundaries_before_the_starting_offset_are_not_repeated()
    {
        var sequencer = new LogEventSequencer(fromOffset: 4);
        LogStep[] steps = [new(0, "a", 0, 4, 0), new(1, "b", 4, null, null)];

        var events = sequencer.Next(Chunk(4, "xy"), steps).Select(Describe);

        Assert.Equal(["stepFinished@4#0", "stepStarted@4#1", "output@4:xy"], events);
    }

    private static LogChunk Chunk(long offset, string text) => new(offset, LogStream.Stdout, Encoding.UTF8.GetBytes(text));

    private static string Describe(LogEvent e) => e.Type switch
    {
        LogEvent.Types.Output => $"output@{e.Offset}:{Encoding.UTF8.GetString(e.Data!)}",
        LogEvent.Types.End => $"end@{e.Offset}",
        _ => $"{e.Type}@{e.Offset}#{e.Step}",
    };
}
