using System.Runtime.ExceptionServices;
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
    private OutputStream _batchStream;
    private int? _step;
    private Task? _scheduledFlush;
    private ExceptionDispatchInfo? _flushFailure;
    private long _offset;

    private JobLogSink(IJobLogStore store, string jobId, string[] secrets, long offset)
    {
        _store = store;
        _jobId = jobId;
        _secrets = secrets;
        _offset = offset;
        ResetStreams(StreamOffsets.Start);
    }

    /// <summary>Continues the job's log where it ends now (after a restart, the stored length).</summary>
    public static async Task<JobLogSink> OpenAsync(IJobLogStore store, string jobId, IEnumerable<string> secrets, CancellationToken ct) =>
        new(store, jobId, secrets.ToArray(), await store.LengthAsync(jobId, ct));

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

    /// <summary>Adds masked bytes to the batch. Call under the gate.</summary>
    private async Task BufferAsync(OutputStream stream, byte[] bytes, CancellationToken ct)
    {
        if (bytes.Length == 0)
            return;
        if (_batch.Length > 0 && stream != _batchStream)
            await FlushBatchAsync(ct);
        _batchStream = stream;
        _batch.Write(bytes);
        if (_batch.Length >= MaxBatchBytes)
            await FlushBatchAsync(ct);
        else
            _scheduledFlush ??= FlushLaterAsync();
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

    /// <summary>Appends the batch at the job's next offset, with the batch stream's consumed position. Call under the gate.</summary>
    private async Task FlushBatchAsync(CancellationToken ct)
    {
        _scheduledFlush = null;
        if (_batch.Length == 0)
            return;
        var bytes = _batch.ToArray();
        _batch.SetLength(0);
        var source = _step is { } step ? new StepStreamPosition(step, _streams[_batchStream].Consumed) : null;
        await _store.AppendAsync(_jobId, _offset, _batchStream == OutputStream.Stderr ? LogStream.Stderr : LogStream.Stdout, bytes, source, ct);
        _offset += bytes.Length;
    }

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
