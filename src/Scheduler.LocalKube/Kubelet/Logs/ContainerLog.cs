namespace Scheduler.LocalKube.Kubelet.Logs;

/// <summary>
/// A container's stdout and stderr, interleaved in arrival order, stored as a CRI log file.
/// Readers follow it through <see cref="Changed"/>; <see cref="IsComplete"/> turns true when the container exited.
/// </summary>
public sealed class ContainerLog : IDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _file;
    private TaskCompletionSource _changed = NewSignal();
    private volatile bool _complete;

    public ContainerLog(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    public string Path { get; }

    public bool IsComplete => _complete;

    /// <summary>Completes at the next append or at completion; take it before reading to not miss one.</summary>
    public Task Changed
    {
        get { lock (_gate) return _changed.Task; }
    }

    /// <summary>Appends a chunk of a stream: every finished line is one entry, a trailing rest a partial entry.</summary>
    public void Append(string stream, ReadOnlySpan<byte> chunk)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            if (_complete)
                return;
            while (!chunk.IsEmpty)
            {
                var newline = chunk.IndexOf((byte)'\n');
                var content = newline < 0 ? chunk : chunk[..newline];
                _file.Write(new LogEntry(now, stream, newline < 0, content.ToArray()).ToCriLine());
                chunk = newline < 0 ? [] : chunk[(newline + 1)..];
            }
            _file.Flush();
            Pulse();
        }
    }

    /// <summary>The container exited: no more output; followers finish. Closes the file.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_complete)
                return;
            _complete = true;
            _file.Dispose();
            Pulse();
        }
    }

    /// <summary>Reads the complete entries written after <paramref name="offset"/> and advances it.</summary>
    public List<LogEntry> ReadFrom(ref long offset)
    {
        var entries = new List<LogEntry>();
        using var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        reader.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[reader.Length - offset];
        reader.ReadExactly(buffer);
        var consumed = 0;
        int newline;
        while ((newline = Array.IndexOf(buffer, (byte)'\n', consumed)) >= 0)
        {
            if (LogEntry.ParseCriLine(buffer.AsSpan(consumed, newline - consumed)) is { } entry)
                entries.Add(entry);
            consumed = newline + 1;
        }
        offset += consumed;
        return entries;
    }

    public void Dispose() => Complete();

    private void Pulse()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
