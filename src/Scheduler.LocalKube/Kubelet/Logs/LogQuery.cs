using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Scheduler.LocalKube.Kubelet.Logs;

/// <summary>The options of GET …/pods/{name}/log (PodLogOptions), parsed and validated.</summary>
public sealed record LogQuery(
    string? Container,
    bool Follow,
    bool Timestamps,
    long? TailLines,
    long? SinceSeconds,
    DateTimeOffset? SinceTime,
    long? LimitBytes,
    bool Previous = false)
{
    /// <summary>Parses the query; returns an error message (for a 400) when an option is invalid.</summary>
    public static (LogQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        string? Get(string name) => query[name].ToString() is { Length: > 0 } v ? v : null;

        if (!TryLong(Get("tailLines"), out var tail) || !TryLong(Get("sinceSeconds"), out var sinceSeconds) ||
            !TryLong(Get("limitBytes"), out var limit))
            return (null, "tailLines, sinceSeconds and limitBytes must be integers");
        if (sinceSeconds is < 1)
            return (null, "sinceSeconds: Invalid value: must be greater than 0");
        if (limit is < 1)
            return (null, "limitBytes: Invalid value: must be greater than 0");
        if (tail is < 0)
            return (null, "tailLines: Invalid value: must be greater than or equal to 0");
        DateTimeOffset? sinceTime = null;
        if (Get("sinceTime") is { } s)
        {
            if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
                return (null, $"sinceTime: Invalid value: \"{s}\": must be RFC3339");
            sinceTime = parsed;
        }
        if (sinceTime is not null && sinceSeconds is not null)
            return (null, "at most one of `sinceTime` or `sinceSeconds` may be specified");

        return (new LogQuery(Get("container"), Flag(Get("follow")), Flag(Get("timestamps")), tail, sinceSeconds, sinceTime, limit,
            Flag(Get("previous"))), null);
    }

    /// <summary>The earliest timestamp to return, if any.</summary>
    public DateTimeOffset? Since(DateTimeOffset now) => SinceTime ?? (SinceSeconds is { } s ? now.AddSeconds(-s) : null);

    private static bool Flag(string? value) => value is "1" or "t" or "T" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static bool TryLong(string? value, out long? result)
    {
        result = null;
        if (value is null)
            return true;
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            return false;
        result = parsed;
        return true;
    }
}
