using Scheduler.Agent.Logs;
using Scheduler.Domain.Logs;
using Scheduler.Kube.Steps;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// Where a job's step output goes: secret values are masked (per stream, so a value split across chunks is
/// still caught), then the bytes are appended to the durable log at the job's next byte offset.
/// Appends are serialised, since stdout and stderr arrive from the same reader in order.
/// </summary>
public sealed class JobLogSink : IStepOutputSink
{
    private readonly IJobLogStore _store;
    private readonly string _jobId;
    private readonly Dictionary<OutputStream, SecretMasker> _maskers;
    private readonly SemaphoreSlim _gate = new(1, 1);
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
        await AppendAsync(stream, _maskers[stream].Process(chunk.Span), ct);

    public Task StepStartedAsync(int index, string name, CancellationToken ct) =>
        Locked(() => _store.MarkStepStartedAsync(_jobId, index, name, ct));

    /// <summary>Writes what the maskers still hold back, then records the step's end and exit code.</summary>
    public async Task StepFinishedAsync(int index, int exitCode, CancellationToken ct)
    {
        foreach (var (stream, masker) in _maskers)
            await AppendAsync(stream, masker.Flush(), ct);
        await Locked(() => _store.MarkStepFinishedAsync(_jobId, index, exitCode, ct));
    }

    private Task AppendAsync(OutputStream stream, byte[] bytes, CancellationToken ct) =>
        bytes.Length == 0 ? Task.CompletedTask : Locked(async () =>
        {
            await _store.AppendAsync(_jobId, _offset, ToLogStream(stream), bytes, ct);
            _offset += bytes.Length;
        });

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

    private static LogStream ToLogStream(OutputStream stream) => stream == OutputStream.Stderr ? LogStream.Stderr : LogStream.Stdout;
}
