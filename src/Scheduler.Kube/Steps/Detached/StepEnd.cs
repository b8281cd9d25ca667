using System.Globalization;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// How a step stood when a follow script ended, from its marker <c>{status} {out size} {err size}</c>: an exit code,
/// or <c>gone</c> (its process ended without one), or <c>unlaunched</c> (claimed, but its process never started).
/// The marker <c>{status} live</c> ends a follow that streamed the step from its launch: every byte it wrote arrived.
/// </summary>
public sealed record StepEnd(int? ExitCode, string Status, long StdoutSize, long StderrSize, bool StreamedLive = false)
{
    public static StepEnd Parse(string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is [var status, "live"])
            return new StepEnd(ExitCodeOf(status), status, 0, 0, StreamedLive: true);
        if (parts.Length != 3
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stdout)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var stderr))
        {
            throw new FormatException($"Malformed step end marker: \"{payload}\".");
        }
        return new StepEnd(ExitCodeOf(parts[0]), parts[0], stdout, stderr);
    }

    private static int? ExitCodeOf(string status) =>
        int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
}
