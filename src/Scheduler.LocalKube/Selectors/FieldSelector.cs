namespace Scheduler.LocalKube.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c>: <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>, joined by commas (AND).
/// Only the fields a resource supports may be used; any other is a parse error (400).
/// </summary>
public sealed class FieldSelector
{
    public static readonly FieldSelector Everything = new([]);

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => Terms = terms;

    public IReadOnlyList<(string Field, bool Equal, string Value)> Terms { get; }

    public static FieldSelector Parse(string? text, IReadOnlyCollection<string> supportedFields)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var (field, equal, value) = Split(term);
            if (!supportedFields.Contains(field))
                throw new SelectorParseException($"field label not supported: {field}");
            terms.Add((field, equal, value));
        }
        return new FieldSelector(terms);
    }

    public bool Matches(IReadOnlyDictionary<string, string> fields) =>
        Terms.All(t => (fields.GetValueOrDefault(t.Field) ?? "") == t.Value == t.Equal);

    private static (string Field, bool Equal, string Value) Split(string term)
    {
        foreach (var (token, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at > 0) return (term[..at].Trim(), equal, term[(at + token.Length)..].Trim());
        }
        throw new SelectorParseException($"invalid selector: '{term}'; can't understand '{term}'");
    }
}
