using Akka.Event;
using Serilog.Events;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// The actor system's logger for the moments before its loggers start and after they stop (<c>akka.stdout-logger-class</c>,
/// instead of Akka.NET's plain-text <see cref="StandardOutLogger"/>): it writes to Serilog as well, so even those lines
/// come out in the process's <see cref="LogFormat"/>.
/// </summary>
public sealed class SerilogMinimalLogger : MinimalLogger
{
    protected override void Log(object message)
    {
        if (message is not Akka.Event.LogEvent e)
            return;
        Serilog.Log.Logger
            .ForContext("LogSource", e.LogSource)
            .Write(LevelOf(e.LogLevel()), e.Cause, "{Message:l}", e.Message?.ToString());
    }

    private static LogEventLevel LevelOf(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => LogEventLevel.Debug,
        LogLevel.InfoLevel => LogEventLevel.Information,
        LogLevel.WarningLevel => LogEventLevel.Warning,
        _ => LogEventLevel.Error,
    };
}
