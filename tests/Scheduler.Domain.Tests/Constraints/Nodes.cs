using k8s.Models;

namespace Scheduler.Domain.Tests.Constraints;

/// <summary>Nodes and pod specs for constraint checks, as a cluster would report them.</summary>
internal static class Nodes
{
    public static V1Node Node(
        string name,
        Dictionary<string, string>? labels = null,
        bool ready = true,
        bool cordoned = false,
        V1Taint[]? taints = null,
        string cpu = "8",
        string memory = "16Gi",
        string pods = "110") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
        Spec = new V1NodeSpec { Unschedulable = cordoned ? true : null, Taints = taints?.ToList() },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory), ["pods"] = new(pods) },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };

    public static V1Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };

    public static V1Toleration Toleration(string? key, string op, string? value = null, string? effect = null) =>
        new() { Key = key, OperatorProperty = op, Value = value, Effect = effect };

    public static V1PodSpec Spec(
        Dictionary<string, string>? nodeSelector = null,
        V1Toleration[]? tolerations = null,
        V1NodeSelectorTerm[]? requiredTerms = null,
        string? cpu = null,
        string? memory = null) => new()
    {
        NodeSelector = nodeSelector,
        Tolerations = tolerations?.ToList(),
        Affinity = requiredTerms is null ? null : new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = requiredTerms.ToList() },
            },
        },
        Containers =
        [
            new V1Container
            {
                Name = "primary",
                Resources = new V1ResourceRequirements
                {
                    Requests = new[] { ("cpu", cpu), ("memory", memory) }
                        .Where(r => r.Item2 is not null)
                        .ToDictionary(r => r.Item1, r => new ResourceQuantity(r.Item2)),
                },
            },
        ],
    };

    public static V1NodeSelectorTerm Term(params V1NodeSelectorRequirement[] expressions) => new() { MatchExpressions = expressions.ToList() };

    public static V1NodeSelectorTerm FieldTerm(params V1NodeSelectorRequirement[] fields) => new() { MatchFields = fields.ToList() };

    public static V1NodeSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values.ToList() };

    public static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);
}
