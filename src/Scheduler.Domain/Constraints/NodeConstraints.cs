using k8s.Models;

namespace Scheduler.Domain.Constraints;

/// <summary>
/// Whether some node could ever run a pod: ready, not cordoned, nodeSelector and required node affinity, NoSchedule and
/// NoExecute taints against the pod's tolerations, and requests (cpu, memory, one pod) against allocatable. Usage by
/// other pods is ignored on purpose: a busy node frees up, a node that is too small never fits.
/// </summary>
public static class NodeConstraints
{
    private static readonly V1Taint CordonTaint = new() { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" };

    public static ConstraintCheckResult Evaluate(V1Pod pod, IEnumerable<V1Node> nodes)
    {
        var fitting = new List<string>();
        var rejections = new List<NodeRejection>();
        foreach (var node in nodes.OrderBy(n => n.Metadata?.Name, StringComparer.Ordinal))
        {
            var reasons = Check(pod.Spec, node);
            if (reasons.Count == 0)
                fitting.Add(node.Metadata?.Name ?? "");
            rejections.AddRange(reasons);
        }
        return new ConstraintCheckResult(fitting, rejections);
    }

    /// <summary>Every reason <paramref name="node"/> cannot run a pod with <paramref name="spec"/>; empty when it can.</summary>
    public static IReadOnlyList<NodeRejection> Check(V1PodSpec? spec, V1Node node)
    {
        var name = node.Metadata?.Name ?? "";
        var reasons = new List<NodeRejection>();
        void Reject(string constraint, string detail) => reasons.Add(new NodeRejection(name, constraint, detail));

        if (!IsReady(node))
            Reject(NodeRejection.Constraints.Ready, "not ready");
        if (node.Spec?.Unschedulable == true && !TaintToleration.Tolerated(spec?.Tolerations, CordonTaint))
            Reject(NodeRejection.Constraints.Unschedulable, "cordoned (spec.unschedulable)");
        if (NodeAffinityMatch.NodeSelectorMismatch(spec?.NodeSelector, node) is { } selector)
            Reject(NodeRejection.Constraints.NodeSelector, selector);
        if (NodeAffinityMatch.RequiredAffinityMismatch(spec?.Affinity, node) is { } affinity)
            Reject(NodeRejection.Constraints.NodeAffinity, affinity);
        foreach (var taint in node.Spec?.Taints ?? [])
        {
            if (TaintToleration.SchedulingEffects.Contains(taint.Effect) && !TaintToleration.Tolerated(spec?.Tolerations, taint))
                Reject(NodeRejection.Constraints.Taints, $"taint {TaintToleration.Describe(taint)} not tolerated");
        }
        foreach (var shortfall in ResourceShortfalls(spec, node))
            Reject(NodeRejection.Constraints.Resources, shortfall);
        return reasons;
    }

    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static IEnumerable<string> ResourceShortfalls(V1PodSpec? spec, V1Node node)
    {
        var allocatable = node.Status?.Allocatable ?? node.Status?.Capacity ?? new Dictionary<string, ResourceQuantity>();
        decimal Allocatable(string resource) => allocatable.TryGetValue(resource, out var q) ? q.ToDecimal() : 0;

        var asked = PodResourceRequests.Of(spec);
        if (allocatable.ContainsKey("pods") && Allocatable("pods") < 1)
            yield return "requests pods 1 > allocatable 0";
        if (asked.Cpu > 0 && asked.Cpu > Allocatable("cpu"))
            yield return $"requests cpu {PodResourceRequests.FormatCpu(asked.Cpu)} > allocatable {PodResourceRequests.FormatCpu(Allocatable("cpu"))}";
        if (asked.Memory > 0 && asked.Memory > Allocatable("memory"))
            yield return $"requests memory {PodResourceRequests.FormatMemory(asked.Memory)} > allocatable {PodResourceRequests.FormatMemory(Allocatable("memory"))}";
    }
}
