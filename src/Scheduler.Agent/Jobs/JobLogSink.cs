using Scheduler.Agent.Logs;
using Scheduler.Domain.Logs;
using Scheduler.Kube.Steps;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// Where a job's step output goes: secret values are masked (per stream, so a value split across chunks is
/// still caught), then the bytes are appended to the durable log at the job's next byte offset.
/// Consecutive output of one stream is batched, so chatty steps cost one database write per
/// <see cref="FlushDelay"/> or <see cref="MaxBatchBytes"/>, not one per line.
/// </summary>
public sealed class JobLogSink : IStepOutputSink, IAsyncDisposable
{
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(50);
    public const int MaxBatchBytes = 64 * 1024;

    private readonly IJobLogStore _store;
    private readonly string _jobId;
    private readonly Dictionary<OutputStream, SecretMasker> _maskers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MemoryStream _batch = new();
    private OutputStream _batchStream;
    private Task? _scheduledFlush;
    private long _offset;

    private JobLogSink(IJobLogStore store, string jobId, IReadOnlyCollection<string> secrets, long offset)
    {
        _store = store;
        _jobId = jobId;
        _offset = offset;
        _maskers = new()
        {
            [OutputStream.Stdout] = new SecretMasker(secrets),
            [OutputStream.Stderr] = new SecretMasker(secrets),
        };
    }

    /// <summary>Continues the job's log where it ends now (after a restart, the stored length).</summary>
    public static async Task<JobLogSink> OpenAsync(IJobLogStore store, string jobId, IEnumerable<string> secrets, CancellationToken ct) =>
        new(store, jobId, secrets.ToArray(), await store.LengthAsync(jobId, ct));

    public async ValueTask WriteAsync(OutputStream stream, ReadOnlyMemory<byte> chunk, CancellationToken ct) =>
        await BufferAsync(stream, _maskers[stream].Process(chunk.Span), ct);

    public Task StepStartedAsync(int index, string name, CancellationToken ct) =>
        Locked(async () =>
        {
            await FlushBatchAsync(ct);
            await _store.MarkStepStartedAsync(_jobId, index, name, ct);
        });

    /// <summary>Writes what the maskers and the batch still hold, then records the step's end and exit code.</summary>
    public async Task StepFinishedAsync(int index, int exitCode, CancellationToken ct)
    {
        foreach (var (stream, masker) in _maskers)
            await BufferAsync(stream, masker.Flush(), ct);
        await Locked(async () =>
        {
            await FlushBatchAsync(ct);
            await _store.MarkStepFinishedAsync(_jobId, index, exitCode, ct);
        });
    }

    private Task BufferAsync(OutputStream stream, byte[] bytes, CancellationToken ct) =>
        bytes.Length == 0 ? Task.CompletedTask : Locked(async () =>
        {
            if (_batch.Length > 0 && stream != _batchStream)
                await FlushBatchAsync(ct);
            _batchStream = stream;
            _batch.Write(bytes);
            if (_batch.Length >= MaxBatchBytes)
                await FlushBatchAsync(ct);
            else
                _scheduledFlush ??= FlushLaterAsync();
        });

    private async Task FlushLaterAsync()
    {
        await Task.Delay(FlushDelay);
        await Locked(() => FlushBatchAsync(CancellationToken.None));
    }

    /// <summary>Appends the batch at the job's next offset. Call under the gate.</summary>
    private async Task FlushBatchAsync(CancellationToken ct)
    {
        _scheduledFlush = null;
        if (_batch.Length == 0)
            return;
        var bytes = _batch.ToArray();
        _batch.SetLength(0);
        await _store.AppendAsync(_jobId, _offset, _batchStream == OutputStream.Stderr ? LogStream.Stderr : LogStream.Stdout, bytes, ct);
        _offset += bytes.Length;
    }

    private async Task Locked(Func<Task> action)
    {
        await _gate.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stores whatever is still batched (a step cut short by cancel or timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        await Locked(() => FlushBatchAsync(CancellationToken.None));
    }
}
