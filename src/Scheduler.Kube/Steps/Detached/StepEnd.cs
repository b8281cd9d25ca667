using System.Globalization;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// How a step stood when a follow script ended, from its marker <c>{status} {out size} {err size}</c>: an exit code,
/// or <c>gone</c> (its process ended without one), or <c>unlaunched</c> (claimed, but its process never started).
/// </summary>
public sealed record StepEnd(int? ExitCode, string Status, long StdoutSize, long StderrSize)
{
    public static StepEnd Parse(string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stdout)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var stderr))
        {
            throw new FormatException($"Malformed step end marker: \"{payload}\".");
        }
        var exitCode = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
        return new StepEnd(exitCode, parts[0], stdout, stderr);
    }
}
