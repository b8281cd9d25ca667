using System.Text;
using k8s.Models;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

public class SecretBuilderTests
{
    private static readonly JobPodRequest Request = new(
        new JobId("t-abc"), 1, "ci", "small", null, new Dictionary<string, string>(),
        "sched-t-abc-1-secrets", ["TOKEN"], TimeSpan.FromMinutes(1));

    [Fact]
    public void Builds_an_opaque_secret_labelled_like_the_pod()
    {
        var secret = SecretBuilder.Build(Request, new Dictionary<string, string> { ["TOKEN"] = "s3cr3t" });

        Assert.Equal("sched-t-abc-1-secrets", secret.Metadata.Name);
        Assert.Equal("ci", secret.Metadata.NamespaceProperty);
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("s3cr3t", Encoding.UTF8.GetString(secret.Data["TOKEN"]));
        Assert.Equal("t-abc", secret.Metadata.Labels[SchedulerLabels.JobId]);
        Assert.Equal("scheduler", secret.Metadata.Labels[SchedulerLabels.ManagedBy]);
    }

    [Fact]
    public void Requires_a_secret_name()
    {
        Assert.Throws<ArgumentException>(() => SecretBuilder.Build(Request with { SecretName = null }, new Dictionary<string, string>()));
    }

    [Fact]
    public void The_pod_owns_the_secret_without_blocking_deletion()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "sched-t-abc-1", Uid = "uid-1" } };
        var owner = SecretOwnership.OwnerReference(pod);

        Assert.Equal(("v1", "Pod", "sched-t-abc-1", "uid-1"), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
        Assert.False(owner.Controller);
        Assert.False(owner.BlockOwnerDeletion);

        var patch = SecretOwnership.Patch(pod);
        Assert.Equal(V1Patch.PatchType.MergePatch, patch.Type);
        Assert.Contains("\"ownerReferences\":[{", (string)patch.Content);
        Assert.Contains("\"uid\":\"uid-1\"", (string)patch.Content);
    }

    [Fact]
    public void An_owner_needs_the_created_pods_uid()
    {
        Assert.Throws<ArgumentException>(() => SecretOwnership.OwnerReference(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" } }));
    }
}
