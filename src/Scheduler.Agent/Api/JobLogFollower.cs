using System.Diagnostics;
using System.Runtime.CompilerServices;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;

namespace Scheduler.Agent.Api;

/// <summary>
/// The one loop that reads and follows a job's log, whoever asks: both log endpoints stream what it yields, and the
/// CLI (<c>sched logs -f</c>, <c>sched run</c>) only consumes those endpoints. It yields the log's bytes merged with
/// its step boundaries (<see cref="LogEventSequencer"/>) and, once the log is complete, the end.
/// <para>
/// Following wakes at each change of the log made on any replica (<see cref="IJobLogStore.ChangedAsync"/>), and
/// re-reads at least every <see cref="PollInterval"/>, so a lost wake-up delays a reader by at most that much.
/// The job's actor completes the log right after storing the job's final view; should that completion never come,
/// the follow still ends once the job has been seen ended for <c>unclosedLogGrace</c>.
/// </para>
/// </summary>
public sealed class JobLogFollower(IJobLogStore logs, IJobService jobs, TimeSpan? unclosedLogGrace = null)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DefaultUnclosedLogGrace = TimeSpan.FromSeconds(5);
    private const int ReadBatchBytes = 64 * 1024;

    private readonly TimeSpan _unclosedLogGrace = unclosedLogGrace ?? DefaultUnclosedLogGrace;

    /// <summary>
    /// The log from <paramref name="fromOffset"/>: what is stored now, or with <paramref name="follow"/> everything
    /// until the log is complete. The last event is <see cref="LogEvent.Types.End"/> when the log is complete.
    /// </summary>
    public async IAsyncEnumerable<LogEvent> ReadAsync(string jobId, long fromOffset, bool follow, [EnumeratorCancellation] CancellationToken ct)
    {
        var sequencer = new LogEventSequencer(fromOffset);
        var offset = fromOffset;
        var idle = false;
        long? endSeenAt = null;
        while (true)
        {
            var changed = logs.ChangedAsync(jobId, ct);
            // Both checked before reading: once the log is complete (or abandoned), this read sees every byte there will be.
            var complete = await logs.IsCompleteAsync(jobId, ct);
            if (follow && idle && !complete && await jobs.GetAsync(jobId, ct) is { IsTerminal: true })
                endSeenAt ??= Stopwatch.GetTimestamp();
            var abandoned = endSeenAt is { } seen && Stopwatch.GetElapsedTime(seen) >= _unclosedLogGrace;
            var chunks = await logs.ReadAsync(jobId, offset, ReadBatchBytes, ct);
            var steps = await logs.StepsAsync(jobId, ct);
            foreach (var chunk in chunks)
            {
                foreach (var logEvent in sequencer.Next(chunk, steps))
                    yield return logEvent;
                offset = chunk.EndOffset;
            }

            idle = chunks.Count == 0;
            if (!idle)
                continue;
            foreach (var logEvent in sequencer.Next(new LogChunk(offset, LogStream.Stdout, ReadOnlyMemory<byte>.Empty), steps))
                yield return logEvent;
            if (complete || abandoned)
            {
                foreach (var logEvent in sequencer.Finish(steps, offset))
                    yield return logEvent;
                yield break;
            }
            if (!follow)
                yield break;
            await Task.WhenAny(changed, Task.Delay(PollInterval, ct));
            ct.ThrowIfCancellationRequested();
        }
    }
}
