using System.Threading.Channels;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>A process's stdout or stderr, read line by line in the background as it comes.</summary>
public sealed class OutputLines
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = new();

    public OutputLines(StreamReader reader)
    {
        Completion = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line) _lines.Writer.TryWrite(line);
            _lines.Writer.TryComplete();
        });
    }

    /// <summary>Completes when the stream ends.</summary>
    public Task Completion { get; }

    /// <summary>Every line that has arrived so far, without waiting.</summary>
    public IReadOnlyList<string> SoFar()
    {
        while (_lines.Reader.TryRead(out var line)) _seen.Add(line);
        return _seen.ToList();
    }

    /// <summary>Reads lines until one contains <paramref name="text"/>; null when the stream ends first. Throws on timeout.</summary>
    public async Task<string?> WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    _seen.Add(line);
                    if (line.Contains(text, StringComparison.Ordinal)) return line;
                }
            }
            return null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no line with \"{text}\" in time; lines so far:\n{string.Join('\n', _seen)}");
        }
    }
}
