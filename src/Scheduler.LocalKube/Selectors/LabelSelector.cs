using System.Text.RegularExpressions;

namespace Scheduler.LocalKube.Selectors;

/// <summary>
/// A parsed <c>labelSelector</c>: requirements joined by commas (AND) —
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>.
/// </summary>
public sealed partial class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        return new LabelSelector(SplitTerms(text).Select(ParseTerm).ToList());
    }

    public bool Matches(IDictionary<string, string>? labels)
    {
        var map = labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(labels);
        return Requirements.All(r => r.Matches(map));
    }

    /// <summary>Splits on commas that are not inside parentheses.</summary>
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        if (depth != 0) throw new SelectorParseException($"unable to parse requirement: unbalanced parentheses in \"{text}\"");
        yield return text[start..];
    }

    private static LabelRequirement ParseTerm(string raw)
    {
        var term = raw.Trim();
        if (term.Length == 0) throw new SelectorParseException("unable to parse requirement: found '', expected: identifier");

        var set = SetTerm().Match(term);
        if (set.Success)
        {
            var values = set.Groups["values"].Value.Split(',').Select(v => v.Trim()).ToList();
            foreach (var v in values) ValidateValue(v);
            var op = set.Groups["op"].Value == "in" ? LabelOperator.In : LabelOperator.NotIn;
            return new LabelRequirement(ValidateKey(set.Groups["key"].Value), op, values);
        }

        foreach (var (token, op) in new[] { ("!=", LabelOperator.NotEquals), ("==", LabelOperator.Equals), ("=", LabelOperator.Equals) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at < 0) continue;
            var value = term[(at + token.Length)..].Trim();
            ValidateValue(value);
            return new LabelRequirement(ValidateKey(term[..at].Trim()), op, [value]);
        }

        if (term.StartsWith('!')) return new LabelRequirement(ValidateKey(term[1..].Trim()), LabelOperator.DoesNotExist, []);
        return new LabelRequirement(ValidateKey(term), LabelOperator.Exists, []);
    }

    private static string ValidateKey(string key)
    {
        if (!KeyPattern().IsMatch(key)) throw new SelectorParseException($"unable to parse requirement: invalid label key \"{key}\"");
        return key;
    }

    private static void ValidateValue(string value)
    {
        if (value.Length > 0 && !ValuePattern().IsMatch(value))
            throw new SelectorParseException($"unable to parse requirement: invalid label value: \"{value}\"");
    }

    [GeneratedRegex(@"^(?<key>\S+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex ValuePattern();
}
