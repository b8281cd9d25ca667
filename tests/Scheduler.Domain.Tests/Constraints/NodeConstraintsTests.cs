using k8s.Models;
using Scheduler.Domain.Constraints;
using static Scheduler.Domain.Tests.Constraints.Nodes;

namespace Scheduler.Domain.Tests.Constraints;

public class NodeConstraintsTests
{
    private static ConstraintCheckResult Evaluate(V1PodSpec spec, params V1Node[] nodes) =>
        NodeConstraints.Evaluate(new V1Pod { Spec = spec }, nodes);

    [Fact]
    public void A_plain_pod_fits_a_ready_node()
    {
        var result = Evaluate(Spec(), Node("n1"));

        Assert.True(result.Passed);
        Assert.Equal(["n1"], result.FittingNodes);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void No_nodes_fails_with_its_own_reason()
    {
        var result = Evaluate(Spec());

        Assert.False(result.Passed);
        Assert.Equal([ConstraintCheckResult.NoNodes], result.Reasons);
    }

    [Fact]
    public void One_fitting_node_is_enough_and_the_others_keep_their_reasons()
    {
        var result = Evaluate(Spec(nodeSelector: Labels(("disktype", "ssd"))),
            Node("n1"), Node("n2", Labels(("disktype", "ssd"))));

        Assert.True(result.Passed);
        Assert.Equal(["n2"], result.FittingNodes);
        Assert.Equal("node n1: nodeSelector disktype=ssd (label absent) not matched", Assert.Single(result.Rejections).ToString());
    }

    [Fact]
    public void Not_ready_and_cordoned_nodes_are_rejected()
    {
        var result = Evaluate(Spec(), Node("n1", ready: false), Node("n2", cordoned: true));

        Assert.False(result.Passed);
        Assert.Equal(["node n1: not ready", "node n2: cordoned (spec.unschedulable)"], result.Reasons);
        Assert.Equal([NodeRejection.Constraints.Ready, NodeRejection.Constraints.Unschedulable], result.Rejections.Select(r => r.Constraint));
    }

    [Fact]
    public void A_cordoned_node_fits_a_pod_tolerating_the_unschedulable_taint()
    {
        var spec = Spec(tolerations: [Toleration("node.kubernetes.io/unschedulable", "Exists", effect: "NoSchedule")]);

        Assert.True(Evaluate(spec, Node("n1", cordoned: true)).Passed);
    }

    [Fact]
    public void A_node_selector_names_the_label_the_node_has_instead()
    {
        var result = Evaluate(Spec(nodeSelector: Labels(("disktype", "ssd"))), Node("n1", Labels(("disktype", "hdd"))));

        Assert.Equal(["node n1: nodeSelector disktype=ssd (node has disktype=hdd) not matched"], result.Reasons);
    }

    [Theory]
    [InlineData("In", new[] { "ssd", "nvme" }, true)]
    [InlineData("In", new[] { "hdd" }, false)]
    [InlineData("NotIn", new[] { "hdd" }, true)]
    [InlineData("NotIn", new[] { "ssd" }, false)]
    [InlineData("Exists", new string[0], true)]
    [InlineData("DoesNotExist", new string[0], false)]
    public void Required_affinity_operators_on_a_present_label(string op, string[] values, bool fits)
    {
        var spec = Spec(requiredTerms: [Term(Requirement("disktype", op, values))]);

        Assert.Equal(fits, Evaluate(spec, Node("n1", Labels(("disktype", "ssd")))).Passed);
    }

    [Theory]
    [InlineData("NotIn", true)]
    [InlineData("DoesNotExist", true)]
    [InlineData("In", false)]
    [InlineData("Exists", false)]
    [InlineData("Gt", false)]
    public void Required_affinity_operators_on_an_absent_label(string op, bool fits)
    {
        var spec = Spec(requiredTerms: [Term(Requirement("disktype", op, op is "Gt" ? ["1"] : op is "In" or "NotIn" ? ["ssd"] : []))]);

        Assert.Equal(fits, Evaluate(spec, Node("n1")).Passed);
    }

    [Theory]
    [InlineData("Gt", "4", true)]
    [InlineData("Gt", "8", false)]
    [InlineData("Lt", "16", true)]
    [InlineData("Lt", "8", false)]
    [InlineData("Gt", "four", false)]
    public void Gt_and_Lt_compare_integers(string op, string bound, bool fits)
    {
        var spec = Spec(requiredTerms: [Term(Requirement("cores", op, bound))]);

        Assert.Equal(fits, Evaluate(spec, Node("n1", Labels(("cores", "8")))).Passed);
    }

    [Fact]
    public void Terms_are_ORed_and_requirements_within_a_term_ANDed()
    {
        var node = Node("n1", Labels(("zone", "a"), ("disktype", "ssd")));
        var bothInOneTerm = Spec(requiredTerms: [Term(Requirement("zone", "In", "a"), Requirement("disktype", "In", "hdd"))]);
        var eitherTerm = Spec(requiredTerms: [Term(Requirement("zone", "In", "b")), Term(Requirement("disktype", "In", "ssd"))]);

        var failed = Evaluate(bothInOneTerm, node);
        Assert.Equal(["node n1: required node affinity not matched: disktype In [hdd] (node has disktype=ssd)"], failed.Reasons);
        Assert.True(Evaluate(eitherTerm, node).Passed);
    }

    [Fact]
    public void Match_fields_select_by_node_name()
    {
        var spec = Spec(requiredTerms: [FieldTerm(Requirement("metadata.name", "In", "n2"))]);

        var result = Evaluate(spec, Node("n1"), Node("n2"));

        Assert.Equal(["n2"], result.FittingNodes);
        Assert.Equal(NodeRejection.Constraints.NodeAffinity, Assert.Single(result.Rejections).Constraint);
    }

    [Fact]
    public void An_empty_term_matches_nothing()
    {
        var spec = Spec(requiredTerms: [new V1NodeSelectorTerm()]);

        Assert.False(Evaluate(spec, Node("n1")).Passed);
    }

    [Fact]
    public void An_untolerated_taint_is_named_with_its_value_and_effect()
    {
        var result = Evaluate(Spec(), Node("n1", taints: [Taint("dedicated", "ci", "NoSchedule")]), Node("n2", taints: [Taint("gpu", null, "NoExecute")]));

        Assert.Equal(["node n1: taint dedicated=ci:NoSchedule not tolerated", "node n2: taint gpu:NoExecute not tolerated"], result.Reasons);
    }

    [Fact]
    public void PreferNoSchedule_taints_do_not_block()
    {
        Assert.True(Evaluate(Spec(), Node("n1", taints: [Taint("dedicated", "ci", "PreferNoSchedule")])).Passed);
    }

    public static TheoryData<V1Toleration, bool> Tolerations() => new()
    {
        { Toleration("dedicated", "Equal", "ci", "NoSchedule"), true },
        { Toleration("dedicated", "Equal", "ci"), true },
        { Toleration("dedicated", "Equal", "build", "NoSchedule"), false },
        { Toleration("dedicated", "Exists"), true },
        { Toleration("dedicated", "Exists", effect: "NoExecute"), false },
        { Toleration("other", "Exists"), false },
        { Toleration(null, "Exists"), true },
        { Toleration(null, "Exists", effect: "NoExecute"), false },
        { Toleration(null, "Equal", "ci"), false },
    };

    [Theory]
    [MemberData(nameof(Tolerations))]
    public void Tolerations_match_by_key_operator_value_and_effect(V1Toleration toleration, bool fits)
    {
        var spec = Spec(tolerations: [toleration]);

        Assert.Equal(fits, Evaluate(spec, Node("n1", taints: [Taint("dedicated", "ci", "NoSchedule")])).Passed);
    }

    [Fact]
    public void Requests_are_compared_with_allocatable_not_usage()
    {
        var result = Evaluate(Spec(cpu: "16", memory: "32Gi"), Node("n1", cpu: "8", memory: "16Gi"), Node("n2", cpu: "500m", memory: "64Gi"));

        Assert.False(result.Passed);
        Assert.Equal(
            ["node n1: requests cpu 16 > allocatable 8", "node n1: requests memory 32Gi > allocatable 16Gi", "node n2: requests cpu 16 > allocatable 500m"],
            result.Reasons);
        Assert.All(result.Rejections, r => Assert.Equal(NodeRejection.Constraints.Resources, r.Constraint));
    }

    [Fact]
    public void Requests_that_fit_exactly_pass()
    {
        Assert.True(Evaluate(Spec(cpu: "8", memory: "16Gi"), Node("n1", cpu: "8", memory: "16Gi")).Passed);
    }

    [Fact]
    public void A_node_that_takes_no_pods_cannot_run_one()
    {
        var result = Evaluate(Spec(), Node("n1", pods: "0"));

        Assert.Equal(["node n1: requests pods 1 > allocatable 0"], result.Reasons);
    }

    [Fact]
    public void Limits_count_as_requests_when_none_are_given()
    {
        var spec = Spec();
        spec.Containers[0].Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10") } };

        Assert.Equal(["node n1: requests cpu 10 > allocatable 8"], Evaluate(spec, Node("n1")).Reasons);
    }

    [Fact]
    public void Every_reason_of_a_node_is_listed()
    {
        var node = Node("n1", ready: false, taints: [Taint("dedicated", "ci", "NoSchedule")]);

        var result = Evaluate(Spec(nodeSelector: Labels(("disktype", "ssd")), cpu: "9"), node);

        Assert.Equal(
            [NodeRejection.Constraints.Ready, NodeRejection.Constraints.NodeSelector, NodeRejection.Constraints.Taints, NodeRejection.Constraints.Resources],
            result.Rejections.Select(r => r.Constraint));
    }
}
