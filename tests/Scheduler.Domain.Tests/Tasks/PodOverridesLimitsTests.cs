using k8s.Models;
using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

/// <summary>A task's resources and overrides against its class's caps and allowed keys.</summary>
public class PodOverridesLimitsTests
{
    private static readonly ResourceClassOptions Class = new("ci/build", "t", null, ExecutionMode.Exec, new PodTemplate(new V1ObjectMeta(), new V1PodSpec()))
    {
        MaxCpu = KubeQuantity.Parse("2", out _),
        MaxMemory = KubeQuantity.Parse("4Gi", out _),
        AllowedNodeSelectorKeys = ["disktype"],
        AllowedTolerationKeys = ["dedicated"],
    };

    private static List<string> Check(string fields, ResourceClassOptions? resourceClass = null)
    {
        var parsed = TaskSpecParser.Parse("resource_class: ci/build\nsteps: [make]\n" + fields);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return PodOverridesLimits.Check(parsed.Spec.PodOverrides, resourceClass ?? Class).Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void Values_at_or_below_the_caps_pass()
    {
        Assert.Empty(Check("""
            resources: {requests: {cpu: 1500m, memory: 4096Mi}, limits: {cpu: "2", memory: 4Gi}}
            nodeSelector: {disktype: ssd}
            tolerations: [{key: dedicated, value: ci, effect: NoSchedule}]
            """));
    }

    [Fact]
    public void A_value_above_a_cap_names_the_cap_for_requests_and_limits_alike()
    {
        Assert.Equal(
        [
            "resources.requests.cpu: 2100m exceeds agent.resourceClasses.\"ci/build\".maxCpu (2)",
            "resources.limits.cpu: 3 exceeds agent.resourceClasses.\"ci/build\".maxCpu (2)",
            "resources.limits.memory: 5Gi exceeds agent.resourceClasses.\"ci/build\".maxMemory (4Gi)",
        ], Check("resources: {requests: {cpu: 2100m}, limits: {cpu: 3, memory: 5Gi}}"));
    }

    [Fact]
    public void Without_a_cap_a_task_may_not_set_that_resource()
    {
        var uncapped = Class with { MaxMemory = null };

        Assert.Equal(["resources.limits.memory: not allowed: agent.resourceClasses.\"ci/build\".maxMemory is not set"],
            Check("resources: {limits: {memory: 1Gi}}", uncapped));
    }

    [Fact]
    public void A_key_the_class_does_not_list_is_refused_naming_the_key()
    {
        Assert.Equal(
        [
            "nodeSelector.zone: the key zone may not be overridden in ci/build; allowedNodeSelectorKeys: disktype",
            "tolerations[1].key: the key gpu may not be tolerated in ci/build; allowedTolerationKeys: dedicated",
        ], Check("""
            nodeSelector: {disktype: ssd, zone: a}
            tolerations: [{key: dedicated, operator: Exists}, {key: gpu, operator: Exists}]
            """));
    }
}
