using System.Globalization;
using System.Text.RegularExpressions;

namespace Scheduler.Domain.Config;

/// <summary>
/// A size in bytes as a config writes it: a whole number of bytes, or one with a unit, HOCON style (<c>4MiB</c>,
/// <c>4 MiB</c>, <c>4M</c>, <c>512k</c>: powers of 1024; <c>4MB</c>, <c>4kB</c>: powers of 1000) or Kubernetes style (<c>4Mi</c>).
/// </summary>
public static partial class ByteSize
{
    [GeneratedRegex(@"^(?<number>[0-9]+)\s*(?<unit>B|[kKMG]|[KMG]i|[KMG]iB|kB|KB|MB|GB)?$")]
    private static partial Regex Syntax();

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = Syntax().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return false;
        long multiplier = match.Groups["unit"].Value switch
        {
            "" or "B" => 1,
            "k" or "K" or "Ki" or "KiB" => 1024,
            "M" or "Mi" or "MiB" => 1024 * 1024,
            "G" or "Gi" or "GiB" => 1024 * 1024 * 1024,
            "kB" or "KB" => 1000,
            "MB" => 1000 * 1000,
            _ => 1000 * 1000 * 1000,
        };
        try
        {
            bytes = checked(number * multiplier);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
