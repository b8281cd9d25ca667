using Scheduler.Agent.Logs;
using Scheduler.Domain.Logs;

namespace Scheduler.Agent.Api;

/// <summary>
/// Merges a log's chunks with its step boundaries into <see cref="LogEvent"/>s in log order: a boundary at
/// offset X comes before the bytes at X; a start comes before a finish at the same offset. Each boundary is
/// emitted once, and only those at or after the offset the reader started from. A chunk that spans a
/// boundary is split there.
/// </summary>
public sealed class LogEventSequencer(long fromOffset)
{
    private readonly HashSet<(int Step, bool Finished)> _emitted = [];

    /// <summary>
    /// The events up to and including <paramref name="chunk"/>, given the steps recorded so far; boundaries at the
    /// chunk's end come after its bytes. An empty chunk at the log's end yields just the boundaries recorded there
    /// (a step that has started but printed nothing yet).
    /// </summary>
    public IEnumerable<LogEvent> Next(LogChunk chunk, IReadOnlyList<LogStep> steps)
    {
        var pending = Pending(steps).Where(b => b.Offset <= chunk.EndOffset).ToList();
        var position = chunk.Offset;
        foreach (var boundary in pending)
        {
            if (boundary.Offset > position)
            {
                yield return Output(chunk, position, boundary.Offset);
                position = boundary.Offset;
            }
            yield return Emit(boundary);
        }
        if (position < chunk.EndOffset)
            yield return Output(chunk, position, chunk.EndOffset);
    }

    /// <summary>The boundaries not yet emitted, then the end, once the log is complete at <paramref name="length"/>.</summary>
    public IEnumerable<LogEvent> Finish(IReadOnlyList<LogStep> steps, long length)
    {
        foreach (var boundary in Pending(steps).ToList())
            yield return Emit(boundary);
        yield return new LogEvent(LogEvent.Types.End, length);
    }

    private IEnumerable<Boundary> Pending(IReadOnlyList<LogStep> steps) =>
        steps.SelectMany(Boundaries)
            .Where(b => b.Offset >= fromOffset && !_emitted.Contains((b.Step.Index, b.Finished)))
            .OrderBy(b => b.Offset).ThenBy(b => b.Step.Index).ThenBy(b => b.Finished);

    private static IEnumerable<Boundary> Boundaries(LogStep step)
    {
        yield return new Boundary(step.StartOffset, step, Finished: false);
        if (step.EndOffset is { } end)
            yield return new Boundary(end, step, Finished: true);
    }

    private LogEvent Emit(Boundary boundary)
    {
        _emitted.Add((boundary.Step.Index, boundary.Finished));
        var step = LogStepKeys.StepIndexOf(boundary.Step.Index);
        var attempt = LogStepKeys.AttemptOf(boundary.Step.Index) is var a and > 1 ? a : (int?)null;
        return boundary.Finished
            ? new LogEvent(LogEvent.Types.StepFinished, boundary.Offset, step, boundary.Step.Name, boundary.Step.ExitCode, Attempt: attempt)
            : new LogEvent(LogEvent.Types.StepStarted, boundary.Offset, step, boundary.Step.Name, Attempt: attempt);
    }

    private static LogEvent Output(LogChunk chunk, long from, long to) => new(
        LogEvent.Types.Output, from,
        Stream: chunk.Stream.ToString().ToLowerInvariant(),
        Data: chunk.Data.Slice((int)(from - chunk.Offset), (int)(to - from)).ToArray());

    private sealed record Boundary(long Offset, LogStep Step, bool Finished);
}
