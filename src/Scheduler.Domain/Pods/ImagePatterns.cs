using System.Text;
using System.Text.RegularExpressions;

namespace Scheduler.Domain.Pods;

/// <summary>
/// Image allow-list patterns, as GitLab Runner's <c>allowed_images</c>: <c>*</c> matches within one path segment
/// (no <c>/</c>), <c>**</c> matches anything; everything else is literal. <c>alpine:*</c> allows every alpine tag,
/// <c>registry.example.com/ci/**</c> everything under that path. An empty list allows every image.
/// </summary>
public static class ImagePatterns
{
    public static bool Allows(IReadOnlyList<string> patterns, string image) =>
        patterns.Count == 0 || patterns.Any(pattern => ToRegex(pattern).IsMatch(image));

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '*')
                regex.Append(Regex.Escape(pattern[i].ToString()));
            else if (i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else
                regex.Append("[^/]*");
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
