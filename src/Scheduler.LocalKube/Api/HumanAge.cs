namespace Scheduler.LocalKube.Api;

/// <summary>kubectl's short duration format (apimachinery's HumanDuration): 45s, 3m20s, 17m, 5h, 3d.</summary>
public static class HumanAge
{
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 0) return "0s";
        if (seconds < 120) return $"{seconds}s";
        var minutes = seconds / 60;
        if (minutes < 10) return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        if (minutes < 180) return $"{minutes}m";
        var hours = minutes / 60;
        if (hours < 8) return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        if (hours < 48) return $"{hours}h";
        var days = hours / 24;
        if (days < 8) return hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h";
        if (days < 365 * 2) return $"{days}d";
        return $"{days / 365}y";
    }

    public static string Since(DateTime? time) => time is { } t ? Format(DateTime.UtcNow - t.ToUniversalTime()) : "<unknown>";
}
