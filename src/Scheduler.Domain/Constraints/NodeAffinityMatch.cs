using k8s.Models;

namespace Scheduler.Domain.Constraints;

/// <summary>A pod's <c>nodeSelector</c> and required node affinity against one node; each method returns why not, or null.</summary>
public static class NodeAffinityMatch
{
    public static string? NodeSelectorMismatch(IDictionary<string, string>? nodeSelector, V1Node node)
    {
        var labels = Labels(node);
        var missing = (nodeSelector ?? new Dictionary<string, string>())
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Where(p => !labels.TryGetValue(p.Key, out var value) || value != p.Value)
            .Select(p => labels.TryGetValue(p.Key, out var value) ? $"{p.Key}={p.Value} (node has {p.Key}={value})" : $"{p.Key}={p.Value} (label absent)")
            .ToArray();
        return missing.Length == 0 ? null : "nodeSelector " + string.Join(", ", missing) + " not matched";
    }

    /// <summary>The terms are ORed, the requirements within a term ANDed; an empty term matches nothing.</summary>
    public static string? RequiredAffinityMismatch(V1Affinity? affinity, V1Node node)
    {
        var terms = affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
        if (terms is null || terms.Count == 0)
            return null;
        var failures = new List<string>();
        foreach (var term in terms)
        {
            if (TermFailure(term, node) is not { } failure)
                return null;
            failures.Add(failure);
        }
        return "required node affinity not matched: " + string.Join(" or ", failures);
    }

    private static string? TermFailure(V1NodeSelectorTerm term, V1Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
            return "empty term";
        var nodeFields = new Dictionary<string, string> { ["metadata.name"] = node.Metadata?.Name ?? "" };
        var labels = Labels(node);
        var failed = expressions.Where(e => !Matches(e, labels)).Select(e => Describe(e, labels))
            .Concat(fields.Where(e => !Matches(e, nodeFields)).Select(e => Describe(e, nodeFields)))
            .FirstOrDefault();
        return failed;
    }

    public static bool Matches(V1NodeSelectorRequirement requirement, IDictionary<string, string> values)
    {
        var present = values.TryGetValue(requirement.Key, out var value);
        var allowed = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && allowed.Contains(value!),
            "NotIn" => !present || !allowed.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && Compare(value!, allowed) is > 0,
            "Lt" => present && Compare(value!, allowed) is < 0,
            _ => false,
        };
    }

    /// <summary>Gt and Lt take exactly one integer value and compare the node's value, which must be an integer too.</summary>
    private static int? Compare(string value, IList<string> allowed) =>
        allowed.Count == 1 && long.TryParse(value, out var actual) && long.TryParse(allowed[0], out var bound)
            ? actual.CompareTo(bound)
            : null;

    private static string Describe(V1NodeSelectorRequirement requirement, IDictionary<string, string> values)
    {
        var expected = requirement.Values is { Count: > 0 } v ? $" [{string.Join(", ", v)}]" : "";
        var actual = values.TryGetValue(requirement.Key, out var value) ? $"node has {requirement.Key}={value}" : $"node has no {requirement.Key}";
        return $"{requirement.Key} {requirement.OperatorProperty}{expected} ({actual})";
    }

    private static IDictionary<string, string> Labels(V1Node node) => node.Metadata?.Labels ?? new Dictionary<string, string>();
}
