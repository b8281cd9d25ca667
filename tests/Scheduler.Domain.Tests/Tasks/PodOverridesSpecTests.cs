using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

/// <summary>A task spec's <c>resources</c>, <c>nodeSelector</c> and <c>tolerations</c>, as parsed.</summary>
public class PodOverridesSpecTests
{
    private const string Head = """
        resource_class: ci/build
        steps: [make]

        """;

    private static TaskPodOverrides Valid(string fields)
    {
        var result = TaskSpecParser.Parse(Head + fields);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Spec.PodOverrides;
    }

    private static List<string> Errors(string fields)
    {
        var result = TaskSpecParser.Parse(Head + fields);
        Assert.False(result.IsValid);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void A_spec_without_them_has_no_overrides()
    {
        Assert.True(Valid("").IsEmpty);
    }

    [Fact]
    public void Reads_resources_in_the_kubernetes_shape()
    {
        var resources = Valid("""
            resources:
              requests: {cpu: 500m, memory: 512Mi}
              limits: {cpu: "2", memory: 1Gi}
            """).Resources;

        Assert.Equal("500m", resources.Requests.Cpu!.Text);
        Assert.Equal(512m * 1024 * 1024, resources.Requests.Memory!.Value);
        Assert.Equal(2m, resources.Limits.Cpu!.Value);
        Assert.Equal("1Gi", resources.Limits.Memory!.Text);
    }

    [Fact]
    public void An_unparseable_quantity_names_the_field()
    {
        Assert.Equal(["resources.requests.cpu: \"lots\" is not a quantity (e.g. 500m, 2, 512Mi, 1Gi)"],
            Errors("resources: {requests: {cpu: lots}}"));
    }

    [Fact]
    public void A_request_above_its_limit_is_refused()
    {
        Assert.Equal(["resources.requests.memory: 2Gi exceeds resources.limits.memory (1Gi)"],
            Errors("resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}"));
    }

    [Fact]
    public void Unknown_resource_fields_are_named()
    {
        var errors = Errors("resources: {requests: {gpu: 1}, caps: {}}");

        Assert.Contains(errors, e => e.StartsWith("resources.caps: unknown field"));
        Assert.Contains(errors, e => e.StartsWith("resources.requests.gpu: unknown field"));
    }

    [Fact]
    public void Reads_node_selector_and_tolerations()
    {
        var overrides = Valid("""
            nodeSelector: {disktype: ssd}
            tolerations:
              - {key: dedicated, operator: Equal, value: ci, effect: NoSchedule}
              - {key: spot, operator: Exists}
            """);

        Assert.Equal("ssd", overrides.NodeSelector["disktype"]);
        Assert.Equal([new TaskToleration("dedicated", "Equal", "ci", "NoSchedule", null), new TaskToleration("spot", "Exists", null, null, null)],
            overrides.Tolerations);
    }

    [Fact]
    public void A_toleration_needs_a_key_and_a_known_operator_and_effect()
    {
        var errors = Errors("""
            tolerations:
              - {operator: Exists}
              - {key: a, operator: Maybe}
              - {key: b, effect: Sometimes}
              - {key: c, tolerationSeconds: 30}
            """);

        Assert.Contains(errors, e => e.StartsWith("tolerations[0].key: required"));
        Assert.Contains(errors, e => e.StartsWith("tolerations[1].operator: must be Equal or Exists"));
        Assert.Contains(errors, e => e.StartsWith("tolerations[2].effect: must be one of"));
        Assert.Contains(errors, e => e == "tolerations[3].tolerationSeconds: only with effect NoExecute");
    }

    [Fact]
    public void A_bad_node_selector_value_names_the_key()
    {
        Assert.Equal(["nodeSelector.disktype: must be a label value (at most 63 letters, digits, '-', '_', '.')"],
            Errors("nodeSelector: {disktype: \"fast disk\"}"));
    }
}
