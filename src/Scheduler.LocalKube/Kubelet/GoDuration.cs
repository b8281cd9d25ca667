using System.Globalization;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>Pure: a duration written as Go's <c>time.Duration.String()</c> does (<c>200ms</c>, <c>10s</c>, <c>1m20s</c>, <c>5m0s</c>), as kubelet messages show it.</summary>
public static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
            return "0s";
        if (duration < TimeSpan.FromSeconds(1))
            return Number(duration.TotalMilliseconds) + "ms";
        var hours = (long)duration.TotalHours;
        var minutes = duration.Minutes;
        var seconds = Number(duration.TotalSeconds - hours * 3600 - minutes * 60) + "s";
        if (hours > 0)
            return $"{hours}h{minutes}m{seconds}";
        return minutes > 0 ? $"{minutes}m{seconds}" : seconds;
    }

    private static string Number(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
