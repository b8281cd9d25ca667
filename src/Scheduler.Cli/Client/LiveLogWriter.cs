using System.Text;
using Scheduler.Agent.Api;

namespace Scheduler.Cli.Client;

/// <summary>
/// Prints a followed job log for a person: each step's output under a <c>==&gt; [i/n] name</c> header and over a
/// <c>&lt;== [i/n] name: exit N</c> footer, with headers always starting on a fresh line.
/// </summary>
public sealed class LiveLogWriter(TextWriter output, int stepCount)
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private bool _atLineStart = true;
    private LogEvent? _openStep;

    /// <summary>The log offset just past what has been written: where a resumed follow starts.</summary>
    public long NextOffset { get; private set; }

    public async Task WriteAsync(LogEvent logEvent, CancellationToken ct)
    {
        NextOffset = Math.Max(NextOffset, logEvent.Offset + (logEvent.Data?.Length ?? 0));
        switch (logEvent.Type)
        {
            case LogEvent.Types.StepStarted:
                _openStep = logEvent;
                await WriteLineAsync($"==> [{logEvent.Step + 1}/{stepCount}] {logEvent.Name}{AttemptOf(logEvent)}", ct);
                break;
            case LogEvent.Types.Output when logEvent.Data is { Length: > 0 } data:
                var chars = new char[_decoder.GetCharCount(data, 0, data.Length)];
                var count = _decoder.GetChars(data, 0, data.Length, chars, 0);
                if (count > 0)
                {
                    await output.WriteAsync(chars.AsMemory(0, count), ct);
                    _atLineStart = chars[count - 1] == '\n';
                }
                break;
            case LogEvent.Types.StepFinished:
                _openStep = null;
                await WriteLineAsync($"<== [{logEvent.Step + 1}/{stepCount}] {logEvent.Name}{AttemptOf(logEvent)}: exit {logEvent.ExitCode}", ct);
                break;
            case LogEvent.Types.End when _openStep is { } open:
                await WriteLineAsync($"<== [{open.Step + 1}/{stepCount}] {open.Name}{AttemptOf(open)}: did not finish", ct);
                break;
            case LogEvent.Types.End when !_atLineStart:
                await WriteLineAsync("", ct);
                break;
        }
        await output.FlushAsync(ct);
    }

    private static string AttemptOf(LogEvent logEvent) => logEvent.Attempt is { } attempt ? $" (attempt {attempt})" : "";

    private async Task WriteLineAsync(string line, CancellationToken ct)
    {
        if (!_atLineStart)
            await output.WriteLineAsync();
        if (line.Length > 0)
            await output.WriteLineAsync(line.AsMemory(), ct);
        _atLineStart = true;
    }
}
