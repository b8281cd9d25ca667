using System.Globalization;
using System.Text;

namespace Scheduler.LocalKube.Kubelet.Logs;

/// <summary>
/// One record of a container log, stored one per line in the CRI log format the real kubelet reads:
/// <c>2024-05-01T10:00:00.1234567Z stdout F text</c> (F: the line ended, P: a partial line).
/// </summary>
public sealed record LogEntry(DateTimeOffset Time, string Stream, bool Partial, byte[] Content)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>RFC3339Nano as Go prints it: UTC, trailing zeros of the fraction dropped.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public byte[] ToCriLine()
    {
        var header = Encoding.ASCII.GetBytes($"{FormatTime(Time)} {Stream} {(Partial ? 'P' : 'F')} ");
        var line = new byte[header.Length + Content.Length + 1];
        header.CopyTo(line, 0);
        Content.CopyTo(line, header.Length);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Parses one CRI line without its trailing newline; null when it is malformed.</summary>
    public static LogEntry? ParseCriLine(ReadOnlySpan<byte> line)
    {
        var first = line.IndexOf((byte)' ');
        if (first < 0)
            return null;
        var rest = line[(first + 1)..];
        var second = rest.IndexOf((byte)' ');
        if (second < 0 || rest.Length < second + 3)
            return null;
        if (!DateTimeOffset.TryParse(Encoding.ASCII.GetString(line[..first]), CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            return null;
        var stream = Encoding.ASCII.GetString(rest[..second]);
        var partial = rest[second + 1] == (byte)'P';
        var content = rest.Length > second + 3 ? rest[(second + 3)..].ToArray() : [];
        return new LogEntry(time, stream, partial, content);
    }

    /// <summary>The bytes a log reader returns for this entry, optionally prefixed with its timestamp.</summary>
    public byte[] Render(bool timestamps)
    {
        var prefix = timestamps ? Encoding.ASCII.GetBytes(FormatTime(Time) + " ") : [];
        var output = new byte[prefix.Length + Content.Length + (Partial ? 0 : 1)];
        prefix.CopyTo(output, 0);
        Content.CopyTo(output, prefix.Length);
        if (!Partial)
            output[^1] = (byte)'\n';
        return output;
    }
}
