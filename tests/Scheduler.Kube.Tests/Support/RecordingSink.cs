using System.Collections.Concurrent;
using System.Text;
using Scheduler.Kube.Steps;

namespace Scheduler.Kube.Tests.Support;

/// <summary>Keeps every chunk in arrival order; optionally reacts to the first chunk.</summary>
public sealed class RecordingSink(Action? onFirstChunk = null) : IStepOutputSink
{
    private readonly ConcurrentQueue<(OutputStream Stream, byte[] Data)> _chunks = new();
    private int _seen;

    public string Text(OutputStream stream) =>
        Encoding.UTF8.GetString(_chunks.Where(c => c.Stream == stream).SelectMany(c => c.Data).ToArray());

    public ValueTask WriteAsync(OutputStream stream, ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        _chunks.Enqueue((stream, chunk.ToArray()));
        if (Interlocked.Increment(ref _seen) == 1) onFirstChunk?.Invoke();
        return ValueTask.CompletedTask;
    }
}
