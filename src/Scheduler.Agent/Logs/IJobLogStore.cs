namespace Scheduler.Agent.Logs;

/// <summary>
/// Durable job logs addressed by byte offset: a job's log is one gap-free byte sequence over all its
/// streams and steps. Appends name the offset they expect to write at, so a replayed append (after a
/// takeover or a retry) is ignored instead of duplicated.
/// </summary>
public interface IJobLogStore
{
    /// <summary>
    /// Writes <paramref name="data"/> at <paramref name="expectedOffset"/>. Bytes already stored there are
    /// skipped (only a tail past the current end is written); an offset past the end throws <see cref="LogGapException"/>.
    /// </summary>
    Task<LogAppendResult> AppendAsync(string jobId, long expectedOffset, LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct = default);

    /// <summary>
    /// As above, for a step's output: <paramref name="source"/> says how far into the step's stream file the log has
    /// now consumed, and is stored in the same row as the bytes, so a crash can never separate the two.
    /// </summary>
    Task<LogAppendResult> AppendAsync(
        string jobId, long expectedOffset, LogStream stream, ReadOnlyMemory<byte> data, StepStreamPosition? source, CancellationToken ct = default);

    /// <summary>How far step <paramref name="stepIndex"/>'s stdout and stderr files have been consumed into the log (0 if never).</summary>
    Task<(long Stdout, long Stderr)> StepStreamEndsAsync(string jobId, int stepIndex, CancellationToken ct = default);

    /// <summary>
    /// Records that the job's output limit dropped step <paramref name="source"/>'s stream output up to its
    /// <see cref="StepStreamPosition.StreamEnd"/>, so a follower resumes past it (<see cref="StepStreamEndsAsync"/>)
    /// and <see cref="IsTruncatedAsync"/> says so. A lower position than the recorded one is ignored.
    /// </summary>
    Task MarkDroppedAsync(string jobId, LogStream stream, StepStreamPosition source, CancellationToken ct = default);

    /// <summary>Whether any of the job's output was dropped for its output limit.</summary>
    Task<bool> IsTruncatedAsync(string jobId, CancellationToken ct = default);

    /// <summary>Writes <paramref name="data"/> at the current end of the log.</summary>
    Task<LogAppendResult> AppendAsync(string jobId, LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct = default);

    /// <summary>The number of bytes stored, i.e. the offset the next append goes to.</summary>
    Task<long> LengthAsync(string jobId, CancellationToken ct = default);

    /// <summary>Up to <paramref name="maxBytes"/> stored bytes from <paramref name="fromOffset"/>, as chunks in order.</summary>
    Task<IReadOnlyList<LogChunk>> ReadAsync(string jobId, long fromOffset, int maxBytes, CancellationToken ct = default);

    /// <summary>
    /// Completes at the next change of the job's log (bytes, a step mark, completion) made on this replica, or on
    /// another replica sharing the store as soon as its notification arrives. A notification lost with a connection
    /// is not repeated, so a follower also re-reads on a bounded poll. Take it before reading, so a change that lands
    /// after the read still completes it.
    /// </summary>
    Task ChangedAsync(string jobId, CancellationToken ct = default);

    /// <summary>Records that step <paramref name="stepIndex"/> starts at the current end of the log. Repeats are ignored.</summary>
    Task MarkStepStartedAsync(string jobId, int stepIndex, string name, CancellationToken ct = default);

    /// <summary>Records the step's end offset (the current end of the log) and exit code. Repeats are ignored.</summary>
    Task MarkStepFinishedAsync(string jobId, int stepIndex, int exitCode, CancellationToken ct = default);

    Task<IReadOnlyList<LogStep>> StepsAsync(string jobId, CancellationToken ct = default);

    /// <summary>Marks the log finished: followers end after the last chunk.</summary>
    Task CompleteAsync(string jobId, CancellationToken ct = default);

    Task<bool> IsCompleteAsync(string jobId, CancellationToken ct = default);
}
