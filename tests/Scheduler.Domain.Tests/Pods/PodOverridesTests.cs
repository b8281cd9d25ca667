using k8s.Models;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Pods;

/// <summary>A task's resources, node selector and tolerations, and the class's cache, in the pod the builder makes.</summary>
public class PodOverridesTests
{
    private static PodTemplate Template() => new(
        new V1ObjectMeta(),
        new V1PodSpec
        {
            NodeSelector = new Dictionary<string, string> { ["pool"] = "ci", ["disktype"] = "hdd" },
            Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "old", Effect = "NoSchedule" }, new V1Toleration { Key = "other", OperatorProperty = "Exists" }],
            Containers =
            [
                new V1Container
                {
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["ephemeral-storage"] = new("1Gi") },
                        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
                    },
                },
            ],
        });

    private static TaskPodOverrides Overrides(string fields)
    {
        var parsed = TaskSpecParser.Parse("resource_class: ci/build\nsteps: [make]\n" + fields);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Spec.PodOverrides;
    }

    private static V1Pod Build(PodTemplate template, TaskPodOverrides overrides) =>
        PodBuilder.Build(template, ExecutionMode.Exec, new JobPodRequest(
            new JobId("t-abc"), 1, "ci", "ci/build", null, new Dictionary<string, string>(), null, [], TimeSpan.FromMinutes(5)) { Overrides = overrides });

    [Fact]
    public void Task_resources_replace_the_templates_values_they_set_and_keep_the_rest()
    {
        var pod = Build(Template(), Overrides("resources: {requests: {cpu: 500m, memory: 512Mi}, limits: {cpu: 1}}"));

        var resources = pod.Spec.Containers[0].Resources;
        Assert.Equal("500m", resources.Requests["cpu"].ToString());
        Assert.Equal("512Mi", resources.Requests["memory"].ToString());
        Assert.Equal("1Gi", resources.Requests["ephemeral-storage"].ToString());
        Assert.Equal("1", resources.Limits["cpu"].ToString());
        Assert.Equal("256Mi", resources.Limits["memory"].ToString());
    }

    [Fact]
    public void Node_selector_and_tolerations_replace_the_templates_per_key()
    {
        var pod = Build(Template(), Overrides("""
            nodeSelector: {disktype: ssd}
            tolerations: [{key: dedicated, value: ci, effect: NoSchedule}]
            """));

        Assert.Equal(new Dictionary<string, string> { ["pool"] = "ci", ["disktype"] = "ssd" }, pod.Spec.NodeSelector);
        Assert.Equal(["other", "dedicated"], pod.Spec.Tolerations.Select(t => t.Key));
        Assert.Equal("ci", pod.Spec.Tolerations.Single(t => t.Key == "dedicated").Value);
    }

    [Fact]
    public void Without_overrides_the_template_is_untouched()
    {
        var pod = Build(Template(), TaskPodOverrides.None);

        Assert.Equal("hdd", pod.Spec.NodeSelector["disktype"]);
        Assert.Equal("old", pod.Spec.Tolerations[0].Value);
        Assert.Equal("250m", pod.Spec.Containers[0].Resources.Requests["cpu"].ToString());
    }

    [Fact]
    public void The_class_cache_is_mounted_at_slash_cache_as_a_claim_or_an_emptyDir()
    {
        var claimPod = Build(Template() with { Cache = new CacheVolume("ci-cache") }, TaskPodOverrides.None);
        var emptyDirPod = Build(Template() with { Cache = CacheVolume.EmptyDir }, TaskPodOverrides.None);
        var noCachePod = Build(Template(), TaskPodOverrides.None);

        Assert.Equal("ci-cache", claimPod.Spec.Volumes.Single(v => v.Name == "cache").PersistentVolumeClaim.ClaimName);
        Assert.NotNull(emptyDirPod.Spec.Volumes.Single(v => v.Name == "cache").EmptyDir);
        Assert.Contains(claimPod.Spec.Containers[0].VolumeMounts, m => m is { Name: "cache", MountPath: "/cache" });
        Assert.DoesNotContain(noCachePod.Spec.Volumes, v => v.Name == "cache");
    }
}
