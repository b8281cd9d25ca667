using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;

namespace Scheduler.Agent.Pbm.Palettes;

/// <summary>
/// The <c>log</c> palette: the last lines of this replica's Akka.NET log. It keeps them itself, subscribed to the
/// log events on the event stream, so it sees what is logged at <c>akka.loglevel</c> and above.
/// </summary>
public sealed class LogPaletteActor : PaletteActor
{
    public const int Kept = 200;
    public const int DefaultLines = 50;

    public static readonly PaletteSpec Spec = new("log", "this replica's own log",
    [
        new("peek", "the last lines of this replica's log",
            [OptionSpec.Value("n", "lines", $"how many lines (default {DefaultLines}, at most {Kept})")]),
    ]);

    private readonly Queue<string> _lines = new();

    public LogPaletteActor()
    {
        Receive<LogEvent>(e =>
        {
            _lines.Enqueue($"{e.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)}Z [{e.LogLevel().ToString().Replace("Level", "").ToUpperInvariant()}] {e.LogSource}: {e.Message}");
            if (_lines.Count > Kept)
                _lines.Dequeue();
        });
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(LogEvent));

    protected override Task<int> RunAsync(ConsoleCommand command, ConsoleReply reply, CancellationToken ct)
    {
        var count = DefaultLines;
        if (command.Option("n") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
            return Task.FromResult(reply.Fail($"log peek: -n must be a whole number from 1, got \"{text}\""));

        if (_lines.Count == 0)
            reply.Line($"(nothing logged at {Context.System.Settings.LogLevel} or above since start-up)");
        reply.Lines(_lines.Skip(Math.Max(0, _lines.Count - count)).ToArray());
        return Task.FromResult(ConsoleExitCodes.Succeeded);
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new LogPaletteActor());
}

public static class LogPaletteRegistration
{
    public static AkkaConfigurationBuilder AddLogPalette(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
            registry.Register<LogPaletteActor>(system.ActorOf(LogPaletteActor.Props(), "pbm-log")));
}
