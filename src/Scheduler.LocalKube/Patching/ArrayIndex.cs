using System.Globalization;

namespace Scheduler.LocalKube.Patching;

/// <summary>
/// An array index token parsed like Go's <c>strconv.Atoi</c> (optional sign, leading zeros allowed), where a negative
/// index counts from the end, as evanphx/json-patch allows by default.
/// </summary>
internal static class ArrayIndex
{
    public static bool TryParse(string token, out long index) =>
        long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index);

    /// <summary>The position of an element that exists in an array of <paramref name="count"/>.</summary>
    public static bool TryExisting(string token, int count, out int position)
    {
        position = -1;
        if (!TryParse(token, out var index) || index >= count || index < -count) return false;
        position = (int)(index < 0 ? index + count : index);
        return true;
    }
}
