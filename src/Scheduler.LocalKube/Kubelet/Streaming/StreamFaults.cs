namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>
/// The "cut stream" fault: the next N exec/attach sessions are aborted (connection reset, no status frame)
/// once they sent the given number of output bytes, or at their end if they produce less.
/// </summary>
public sealed class StreamFaults
{
    private readonly object _gate = new();
    private int _remaining;
    private int _afterBytes;

    public void CutNext(int count, int afterBytes)
    {
        lock (_gate)
        {
            _remaining = Math.Max(0, count);
            _afterBytes = Math.Max(0, afterBytes);
        }
    }

    /// <summary>The cut for a new session, or null when it should run normally.</summary>
    public StreamCut? TakeCut()
    {
        lock (_gate)
        {
            if (_remaining == 0)
                return null;
            _remaining--;
            return new StreamCut(_afterBytes);
        }
    }
}

/// <summary>The output budget of one session that is going to be cut.</summary>
public sealed class StreamCut(long afterBytes)
{
    private long _left = afterBytes;

    /// <summary>How many of <paramref name="length"/> bytes may still be sent; less than asked means "cut now".</summary>
    public int Allow(int length)
    {
        var allowed = (int)Math.Min(length, _left);
        _left -= allowed;
        return allowed;
    }

    public bool Exhausted => _left <= 0;
}

/// <summary>Thrown inside a session when the cut fault aborted its connection.</summary>
public sealed class StreamCutException() : Exception("stream cut by fault injection");
