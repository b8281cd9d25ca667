using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// The process's log: Serilog's process-wide <see cref="Log.Logger"/>, which the actor system (through
/// Akka.Logger.Serilog) and ASP.NET Core (through Serilog.Extensions.Logging) of every <see cref="AgentHost"/> write to.
/// A process that never calls <see cref="Use"/> logs nothing. In <see cref="LogFormat.Json"/> each line is a compact
/// JSON event: <c>@t</c> time, <c>@l</c> level (absent for Information), <c>@m</c> the message, <c>@x</c> an exception,
/// and the event's properties by name, such as <c>JobId</c> on every line about a job: the job actor's own lines, what
/// Akka.NET logs from that actor (<see cref="JobActorLogEnricher"/>), and the garbage collector's deletions.
/// </summary>
public static class ConsoleLogging
{
    private const string TextTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    /// <summary>Sends the process's log to the console from <paramref name="minimum"/> up, on stderr when <paramref name="toStandardError"/>.</summary>
    public static void Use(LogFormat format, LogEventLevel minimum, bool toStandardError = false)
    {
        var errorsFrom = toStandardError ? LogEventLevel.Verbose : (LogEventLevel?)null;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            // ASP.NET Core's information is one line per request (probes included), and sharding's is per shard, so
            // per job (allocation, rebalancing): their warnings still show.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Akka.Cluster.Sharding", LogEventLevel.Warning)
            .Enrich.With<JobActorLogEnricher>();
        Log.Logger = format == LogFormat.Json
            ? configuration.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: errorsFrom).CreateLogger()
            : configuration.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: errorsFrom, formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();
    }
}
