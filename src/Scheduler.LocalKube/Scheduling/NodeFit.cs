using k8s.Models;

namespace Scheduler.LocalKube.Scheduling;

/// <summary>
/// Whether a pod may run on a node, as the default scheduler's filter plugins decide:
/// NodeUnschedulable, readiness, TaintToleration, NodeAffinity (nodeSelector and required affinity), NodeResourcesFit.
/// Returns the failure reasons in the scheduler's wording; empty means the pod fits.
/// </summary>
public static class NodeFit
{
    public const string Unschedulable = "node(s) were unschedulable";
    public const string NotReady = "node(s) were not ready";
    public const string AffinityMismatch = "node(s) didn't match Pod's node affinity/selector";
    public const string TooManyPods = "Too many pods";

    public static IReadOnlyList<string> Check(V1Pod pod, V1Node node, NodeUsage usage)
    {
        if (node.Spec?.Unschedulable == true && !Tolerates(pod, new V1Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" }))
            return [Unschedulable];
        if (!IsReady(node)) return [NotReady];

        var taint = FirstUntoleratedTaint(pod, node, "NoSchedule", "NoExecute");
        if (taint is not null) return [$"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}"];

        if (!MatchesSelectorAndAffinity(pod, node)) return [AffinityMismatch];

        return ResourceFailures(pod, node, usage);
    }

    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>The first taint with one of <paramref name="effects"/> that the pod does not tolerate, or null.</summary>
    public static V1Taint? FirstUntoleratedTaint(V1Pod pod, V1Node node, params string[] effects) =>
        (node.Spec?.Taints ?? []).FirstOrDefault(t => effects.Contains(t.Effect) && !Tolerates(pod, t));

    public static bool Tolerates(V1Pod pod, V1Taint taint) =>
        (pod.Spec?.Tolerations ?? []).Any(t => Tolerates(t, taint));

    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect) return false;
        var exists = toleration.OperatorProperty == "Exists";
        if (string.IsNullOrEmpty(toleration.Key)) return exists;
        if (toleration.Key != taint.Key) return false;
        return exists || (toleration.Value ?? "") == (taint.Value ?? "");
    }

    public static bool MatchesSelectorAndAffinity(V1Pod pod, V1Node node)
    {
        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        if (pod.Spec?.NodeSelector is { } selector &&
            selector.Any(pair => !labels.TryGetValue(pair.Key, out var v) || v != pair.Value))
            return false;

        var terms = pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
        if (terms is null || terms.Count == 0) return true;
        return terms.Any(term => TermMatches(term, node, labels));
    }

    private static bool TermMatches(V1NodeSelectorTerm term, V1Node node, IDictionary<string, string> labels)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0) return false; // an empty term matches nothing
        var nodeFields = new Dictionary<string, string> { ["metadata.name"] = node.Metadata?.Name ?? "" };
        return expressions.All(e => RequirementMatches(e, labels)) && fields.All(e => RequirementMatches(e, nodeFields));
    }

    private static bool RequirementMatches(V1NodeSelectorRequirement requirement, IDictionary<string, string> values)
    {
        var present = values.TryGetValue(requirement.Key, out var value);
        var allowed = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && allowed.Contains(value!),
            "NotIn" => !present || !allowed.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && long.TryParse(value, out var g) && allowed.Count == 1 && long.TryParse(allowed[0], out var gb) && g > gb,
            "Lt" => present && long.TryParse(value, out var l) && allowed.Count == 1 && long.TryParse(allowed[0], out var lb) && l < lb,
            _ => false,
        };
    }

    private static IReadOnlyList<string> ResourceFailures(V1Pod pod, V1Node node, NodeUsage usage)
    {
        var allocatable = node.Status?.Allocatable ?? node.Status?.Capacity ?? new Dictionary<string, ResourceQuantity>();
        var failures = new List<string>();
        if (allocatable.TryGetValue("pods", out var pods) && usage.Pods + 1 > pods.ToDecimal()) failures.Add(TooManyPods);

        var asked = PodRequests.Of(pod);
        if (asked.Cpu > 0 && usage.Requested.Cpu + asked.Cpu > Allocatable(allocatable, "cpu")) failures.Add("Insufficient cpu");
        if (asked.Memory > 0 && usage.Requested.Memory + asked.Memory > Allocatable(allocatable, "memory")) failures.Add("Insufficient memory");
        return failures;
    }

    private static decimal Allocatable(IDictionary<string, ResourceQuantity> allocatable, string name) =>
        allocatable.TryGetValue(name, out var q) ? q.ToDecimal() : 0;
}
