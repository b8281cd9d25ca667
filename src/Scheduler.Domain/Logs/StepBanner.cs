using Scheduler.Domain.Time;

namespace Scheduler.Domain.Logs;

/// <summary>The one-line headers and footers that frame each step's output for people (CLI, log view).</summary>
public static class StepBanner
{
    /// <summary><c>==&gt; [2/3] Run tests</c></summary>
    public static string Header(int index, int count, string name) => $"==> [{index + 1}/{count}] {name}";

    /// <summary><c>&lt;== [2/3] exit 0 (1.5s)</c></summary>
    public static string Footer(int index, int count, int exitCode, TimeSpan duration) =>
        $"<== [{index + 1}/{count}] exit {exitCode} ({GoDuration.Format(TimeSpan.FromMilliseconds(Math.Round(duration.TotalMilliseconds)))})";
}
