namespace Scheduler.LocalKube.Kubelet.Logs;

/// <summary>limitBytes: how much of each rendered chunk may still be written.</summary>
public sealed class ByteBudget(long? limit)
{
    private long _remaining = limit ?? long.MaxValue;

    public bool Exhausted => _remaining <= 0;

    /// <summary>Returns the part of <paramref name="chunk"/> that fits and charges it.</summary>
    public ReadOnlyMemory<byte> Take(ReadOnlyMemory<byte> chunk)
    {
        var length = (int)Math.Min(chunk.Length, _remaining);
        _remaining -= length;
        return chunk[..length];
    }
}
