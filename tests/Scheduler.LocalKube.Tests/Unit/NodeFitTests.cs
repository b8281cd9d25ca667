using k8s.Models;
using Scheduler.LocalKube.Scheduling;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

public class NodeFitTests
{
    private static V1Node ReadyNode(string name = "n1", IDictionary<string, string>? labels = null, params V1Taint[] taints)
    {
        var node = Objects.Node(name, labels, taints: taints);
        node.Status.Allocatable = node.Status.Capacity;
        node.Status.Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }];
        return node;
    }

    [Fact]
    public void A_plain_pod_fits_a_ready_node() =>
        Assert.Empty(NodeFit.Check(Objects.Pod("p"), ReadyNode(), NodeUsage.Empty));

    [Fact]
    public void NodeSelector_must_match_labels()
    {
        var pod = Objects.Pod("p");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" };
        Assert.Equal([NodeFit.AffinityMismatch], NodeFit.Check(pod, ReadyNode(), NodeUsage.Empty));
        Assert.Empty(NodeFit.Check(pod, ReadyNode(labels: new Dictionary<string, string> { ["disk"] = "ssd" }), NodeUsage.Empty));
    }

    [Theory]
    [InlineData("In", "ssd", true)]
    [InlineData("In", "hdd", false)]
    [InlineData("NotIn", "hdd", true)]
    [InlineData("NotIn", "ssd", false)]
    [InlineData("Exists", null, true)]
    [InlineData("DoesNotExist", null, false)]
    public void Required_node_affinity_operators(string op, string? value, bool fits)
    {
        var pod = Objects.Pod("p");
        pod.Spec.Affinity = Affinity(new V1NodeSelectorRequirement { Key = "disk", OperatorProperty = op, Values = value is null ? null : [value] });
        var result = NodeFit.Check(pod, ReadyNode(labels: new Dictionary<string, string> { ["disk"] = "ssd" }), NodeUsage.Empty);
        Assert.Equal(fits, result.Count == 0);
    }

    [Fact]
    public void Node_selector_terms_are_ored_and_expressions_anded()
    {
        var pod = Objects.Pod("p");
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm { MatchExpressions = [Req("zone", "In", "a"), Req("disk", "In", "hdd")] },
                        new V1NodeSelectorTerm { MatchExpressions = [Req("zone", "In", "b")] },
                    ],
                },
            },
        };
        var labels = new Dictionary<string, string> { ["zone"] = "a", ["disk"] = "ssd" };
        Assert.NotEmpty(NodeFit.Check(pod, ReadyNode(labels: labels), NodeUsage.Empty));
        labels["zone"] = "b";
        Assert.Empty(NodeFit.Check(pod, ReadyNode(labels: labels), NodeUsage.Empty));
    }

    [Theory]
    [InlineData("NoSchedule", false)]
    [InlineData("NoExecute", false)]
    [InlineData("PreferNoSchedule", true)]
    public void Untolerated_hard_taints_block(string effect, bool fits)
    {
        var node = ReadyNode(taints: new V1Taint { Key = "k", Value = "v", Effect = effect });
        var result = NodeFit.Check(Objects.Pod("p"), node, NodeUsage.Empty);
        Assert.Equal(fits, result.Count == 0);
        if (!fits) Assert.Equal(["node(s) had untolerated taint {k: v}"], result);
    }

    [Theory]
    [InlineData("k", "Equal", "v", "NoSchedule", true)]
    [InlineData("k", "Equal", "other", "NoSchedule", false)]
    [InlineData("k", "Exists", null, null, true)]
    [InlineData("k", "Exists", null, "NoExecute", false)]
    [InlineData(null, "Exists", null, null, true)]
    [InlineData("other", "Exists", null, null, false)]
    public void Tolerations_match_taints(string? key, string op, string? value, string? effect, bool tolerated)
    {
        var toleration = new V1Toleration { Key = key, OperatorProperty = op, Value = value, Effect = effect };
        Assert.Equal(tolerated, NodeFit.Tolerates(toleration, new V1Taint { Key = "k", Value = "v", Effect = "NoSchedule" }));
    }

    [Fact]
    public void Requests_must_fit_allocatable_minus_what_is_bound()
    {
        var pod = Objects.Pod("p");
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1500m"), ["memory"] = new("3Gi") },
        };
        var node = ReadyNode(); // 4 cpu, 8Gi
        Assert.Empty(NodeFit.Check(pod, node, NodeUsage.Empty));
        var busy = NodeUsage.Empty.Add(new PodRequests(3, 6m * 1024 * 1024 * 1024));
        Assert.Equal(["Insufficient cpu", "Insufficient memory"], NodeFit.Check(pod, node, busy));
    }

    [Fact]
    public void Cordoned_and_not_ready_nodes_do_not_fit()
    {
        var cordoned = ReadyNode();
        cordoned.Spec.Unschedulable = true;
        Assert.Equal([NodeFit.Unschedulable], NodeFit.Check(Objects.Pod("p"), cordoned, NodeUsage.Empty));
        var notReady = ReadyNode();
        notReady.Status.Conditions[0].Status = "False";
        Assert.Equal([NodeFit.NotReady], NodeFit.Check(Objects.Pod("p"), notReady, NodeUsage.Empty));
    }

    [Fact]
    public void Pod_count_is_limited_by_allocatable_pods()
    {
        var node = ReadyNode();
        node.Status.Allocatable["pods"] = new ResourceQuantity("1");
        Assert.Equal([NodeFit.TooManyPods], NodeFit.Check(Objects.Pod("p"), node, NodeUsage.Empty.Add(PodRequests.None)));
    }

    private static V1NodeSelectorRequirement Req(string key, string op, string value) => new() { Key = key, OperatorProperty = op, Values = [value] };

    private static V1Affinity Affinity(V1NodeSelectorRequirement requirement) => new()
    {
        NodeAffinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [requirement] }],
            },
        },
    };
}
