namespace Scheduler.Domain.Logs;

/// <summary>The one line a job's log gets where its output limit cut it off.</summary>
public static class OutputLimitMarker
{
    public const string Prefix = "[scheduler] output limit of ";

    /// <summary><c>[scheduler] output limit of 4 MiB reached: …</c>, with a newline before it when the log stands mid-line.</summary>
    public static string Line(long limit, bool atLineStart) =>
        $"{(atLineStart ? "" : "\n")}{Prefix}{Size(limit)} reached: the rest of this job's output is dropped; its steps keep running\n";

    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} bytes",
    };
}
