using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Scheduler.Domain.Pods;

/// <summary>Turns arbitrary text (e.g. a resource class <c>acme/large</c>) into a valid Kubernetes label value.</summary>
public static partial class LabelValue
{
    private const int MaxLength = 63;

    /// <summary>
    /// Returns <paramref name="text"/> unchanged if it is already a valid label value; otherwise replaces invalid
    /// characters with '-', trims, truncates and appends an 8-hex-digit hash of the original so that distinct
    /// inputs stay distinct (<c>acme/large</c> → <c>acme-large-1a2b3c4d</c>).
    /// </summary>
    public static string Sanitize(string text)
    {
        if (IsValid(text))
            return text;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        var cleaned = Invalid().Replace(text, "-").Trim('-', '_', '.');
        if (cleaned.Length > MaxLength - 9)
            cleaned = cleaned[..(MaxLength - 9)].TrimEnd('-', '_', '.');
        return cleaned.Length == 0 ? hash : $"{cleaned}-{hash}";
    }

    /// <summary>True for a valid label value: ≤ 63 chars of [A-Za-z0-9._-], starting and ending alphanumeric (or empty).</summary>
    public static bool IsValid(string text) => text.Length <= MaxLength && Valid().IsMatch(text);

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex Valid();

    [GeneratedRegex("[^-A-Za-z0-9_.]+")]
    private static partial Regex Invalid();
}
