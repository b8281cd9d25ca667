using System.Globalization;
using System.Text;

namespace Scheduler.Domain.Time;

/// <summary>
/// Parses and formats Go-style durations (<c>5h</c>, <c>5h5m</c>, <c>90s</c>, <c>1h30m0s</c>, <c>250ms</c>, <c>1.5h</c>),
/// the notation used by CircleCI container-agent settings and by task specs.
/// Units: <c>ns</c>, <c>us</c>/<c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>.
/// Unlike Go, negative durations are rejected; like Go, a bare <c>0</c> is accepted and any other unitless number is not.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, decimal Ticks)[] Units =
    [
        ("ns", 0.01m),
        ("us", TimeSpan.TicksPerMicrosecond),
        ("µs", TimeSpan.TicksPerMicrosecond),
        ("μs", TimeSpan.TicksPerMicrosecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/> with a message quoting it.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, quoting the input.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        var s = text?.Trim() ?? "";
        if (s == "0")
            return true;
        if (s.Length == 0)
            return Fail($"invalid duration \"{text}\": empty", out error);
        if (s[0] is '-' or '+')
            return Fail($"invalid duration \"{text}\": must not be signed (a positive Go duration like 5m or 1h30m)", out error);

        decimal ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                i++;
            if (i == numberStart || !decimal.TryParse(s.AsSpan(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return Fail($"invalid duration \"{text}\": expected a number at position {numberStart + 1} (e.g. 5m, 1h30m, 90s)", out error);

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
                i++;
            var unit = s[unitStart..i];
            if (unit.Length == 0)
                return Fail($"invalid duration \"{text}\": missing unit (one of ns, us, ms, s, m, h)", out error);
            var perUnit = Units.Where(u => u.Unit == unit).Select(u => (decimal?)u.Ticks).FirstOrDefault();
            if (perUnit is null)
                return Fail($"invalid duration \"{text}\": unknown unit \"{unit}\" (one of ns, us, ms, s, m, h)", out error);

            try { ticks += number * perUnit.Value; }
            catch (OverflowException) { return Fail($"invalid duration \"{text}\": too large", out error); }
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
            return Fail($"invalid duration \"{text}\": too large", out error);
        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    /// <summary>Formats like Go's <c>time.Duration.String()</c>: <c>5h5m0s</c>, <c>1m30s</c>, <c>250ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
            return "0s";
        var sb = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            sb.Append('-');
            value = value.Negate();
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            var (amount, unit) = value.Ticks >= TimeSpan.TicksPerMillisecond
                ? ((decimal)value.Ticks / TimeSpan.TicksPerMillisecond, "ms")
                : ((decimal)value.Ticks / TimeSpan.TicksPerMicrosecond, "µs");
            return sb.Append(amount.ToString("0.#######", CultureInfo.InvariantCulture)).Append(unit).ToString();
        }

        var hours = (long)Math.Floor(value.TotalHours);
        if (hours > 0)
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || value.Minutes > 0)
            sb.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        var seconds = value.Seconds + (decimal)(value.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerSecond;
        return sb.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('s').ToString();
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
