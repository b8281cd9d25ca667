using System.Runtime.ExceptionServices;
using System.Text;
using Scheduler.Agent.Logs;
using Scheduler.Domain.Logs;
using Scheduler.Kube.Steps;
using Scheduler.Kube.Steps.Detached;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// Where a job's step output goes: secret values are masked (per stream, so a value split across chunks is
/// still caught), then the bytes are appended to the durable log at the job's next byte offset, together with how
/// far into the step's stream file they reach. Consecutive output of one stream is batched, so chatty steps cost one
/// database write per <see cref="FlushDelay"/> or <see cref="MaxBatchBytes"/>, not one per line.
/// Past the job's output limit, output is dropped after one <see cref="OutputLimitMarker"/> line (stored in the row
/// that reaches the limit), and how far the dropped bytes reach in the step's files is recorded
/// (<see cref="IJobLogStore.MarkDroppedAsync"/>), so a resumed follower does not read them again. The log is truncated
/// exactly when it is longer than the limit: only the marker takes it past.
/// </summary>
public sealed class JobLogSink : IStepOutputSink, IAsyncDisposable
{
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(50);
    public const int MaxBatchBytes = 64 * 1024;

    private readonly IJobLogStore _store;
    private readonly string _jobId;
    private readonly string[] _secrets;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MemoryStream _batch = new();
    private readonly Dictionary<OutputStream, StreamProgress> _streams = new();
    private readonly HashSet<OutputStream> _droppedUnrecorded = [];
    private readonly long _limit;
    private bool _atLineStart = true;
    private OutputStream _batchStream;
    private int? _step;
    private Task? _scheduledFlush;
    private ExceptionDispatchInfo? _flushFailure;
    private long _offset;

    private JobLogSink(IJobLogStore store, string jobId, string[] secrets, long offset, long outputLimit)
    {
        _store = store;
        _limit = outputLimit;
        _jobId = jobId;
        _secrets = secrets;
        _offset = offset;
        ResetStreams(StreamOffsets.Start);
    }

    /// <summary>
    /// Continues the job's log where it ends now (after a restart, the stored length), keeping at most
    /// <paramref name="outputLimit"/> bytes of output.
    /// </summary>
    public static async Task<JobLogSink> OpenAsync(IJobLogStore store, string jobId, IEnumerable<string> secrets, long outputLimit, CancellationToken ct) =>
        new(store, jobId, secrets.ToArray(), await store.LengthAsync(jobId, ct), outputLimit);

    private bool Truncated => _offset + _batch.Length > _limit;

    public ValueTask WriteAsync(OutputStream stream, ReadOnlyMemory<byte> chunk, CancellationToken ct) =>
        new(Locked(async () =>
        {
            var progress = _streams[stream];
            var masked = progress.Masker.Process(chunk.Span);
            progress.Fed += chunk.Length;
            await BufferAsync(stream, masked, ct);
        }));

    /// <summary>
    /// Records the step's start (a repeat after a restart is ignored) and returns how far its stream files were
    /// already consumed into the log: the offsets to follow it from.
    /// </summary>
    public Task<StreamOffsets> StepStartedAsync(int index, string name, CancellationToken ct) =>
        Locked(async () =>
        {
            await FlushBatchAsync(ct);
            await _store.MarkStepStartedAsync(_jobId, index, name, ct);
            var (stdout, stderr) = await _store.StepStreamEndsAsync(_jobId, index, ct);
            _step = index;
            var offsets = new StreamOffsets(stdout, stderr);
            ResetStreams(offsets);
            if (Truncated)
                // The marker is stored; make sure the truncation is recorded too, should the record not have followed it.
                await _store.MarkDroppedAsync(_jobId, LogStream.Stdout, new StepStreamPosition(index, stdout), ct);
            return offsets;
        });

    /// <summary>Writes what the maskers and the batch still hold, then records the step's end and exit code.</summary>
    public Task StepFinishedAsync(int index, int exitCode, CancellationToken ct) =>
        Locked(async () =>
        {
            foreach (var (stream, progress) in _streams)
                await BufferAsync(stream, progress.Masker.Flush(), ct);
            await FlushBatchAsync(ct);
            await _store.MarkStepFinishedAsync(_jobId, index, exitCode, ct);
        });

    private void ResetStreams(StreamOffsets from)
    {
        _streams[OutputStream.Stdout] = new StreamProgress(new SecretMasker(_secrets)) { Fed = from.Stdout };
        _streams[OutputStream.Stderr] = new StreamProgress(new SecretMasker(_secrets)) { Fed = from.Stderr };
    }

    /// <summary>
    /// Adds masked bytes to the batch, up to the output limit; the bytes that reach past it are cut off and followed by
    /// the marker line, the batch is stored at once, and later bytes are dropped. Call under the gate.
    /// </summary>
    private async Task BufferAsync(OutputStream stream, byte[] bytes, CancellationToken ct)
    {
        if (bytes.Length == 0)
            return;
        var room = _limit - (_offset + _batch.Length);
        if (room >= bytes.Length)
        {
            await AddToBatchAsync(stream, bytes, ct);
            if (_batch.Length >= MaxBatchBytes)
                await FlushBatchAsync(ct);
            else
                _scheduledFlush ??= FlushLaterAsync();
            return;
        }

        _droppedUnrecorded.Add(stream);
        if (room >= 0)
        {
            await AddToBatchAsync(stream, bytes[..(int)room], ct);
            await AddToBatchAsync(stream, Encoding.UTF8.GetBytes(OutputLimitMarker.Line(_limit, _atLineStart)), ct);
            await FlushBatchAsync(ct);
        }
        else
            _scheduledFlush ??= FlushLaterAsync();
    }

    private async Task AddToBatchAsync(OutputStream stream, byte[] bytes, CancellationToken ct)
    {
        if (bytes.Length == 0)
            return;
        if (_batch.Length > 0 && stream != _batchStream)
            await FlushBatchAsync(ct);
        _batchStream = stream;
        _batch.Write(bytes);
        _atLineStart = bytes[^1] == (byte)'\n';
    }

    private async Task FlushLaterAsync()
    {
        await Task.Delay(FlushDelay);
        try
        {
            await Locked(() => FlushBatchAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            // Nobody awaits this flush: the step's next write or end throws it instead, so the job's next owner
            // resumes from what the store holds rather than this sink writing on past the bytes it lost.
            _flushFailure = ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>
    /// Appends the batch at the job's next offset, with the batch stream's consumed position, then records how far
    /// dropped output reaches. Call under the gate.
    /// </summary>
    private async Task FlushBatchAsync(CancellationToken ct)
    {
        _scheduledFlush = null;
        if (_batch.Length > 0)
        {
            var bytes = _batch.ToArray();
            _batch.SetLength(0);
            var source = _step is { } step ? new StepStreamPosition(step, _streams[_batchStream].Consumed) : null;
            await _store.AppendAsync(_jobId, _offset, LogStreamOf(_batchStream), bytes, source, ct);
            _offset += bytes.Length;
        }
        if (_step is { } current)
            foreach (var stream in _droppedUnrecorded)
                await _store.MarkDroppedAsync(_jobId, LogStreamOf(stream), new StepStreamPosition(current, _streams[stream].Consumed), ct);
        _droppedUnrecorded.Clear();
    }

    private static LogStream LogStreamOf(OutputStream stream) => stream == OutputStream.Stderr ? LogStream.Stderr : LogStream.Stdout;

    private async Task Locked(Func<Task> action) => await Locked(async () =>
    {
        await action();
        return true;
    });

    private async Task<T> Locked<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync();
        try
        {
            _flushFailure?.Throw();
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stores whatever is still batched (a step cut short by cancel or timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_flushFailure is null)
            await Locked(() => FlushBatchAsync(CancellationToken.None));
    }

    /// <summary>One stream of the current step: bytes read from its file so far, and its masker.</summary>
    private sealed class StreamProgress(SecretMasker masker)
    {
        public SecretMasker Masker { get; } = masker;

        public long Fed { get; set; }

        /// <summary>The file position up to which every byte has reached the batch (masked or as is).</summary>
        public long Consumed => Fed - Masker.HeldBack;
    }
}
