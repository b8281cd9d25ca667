using k8s;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

public class DeletionTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private IKubernetes Client => cluster.Client;

    [Fact]
    public async Task Deleting_a_bound_pod_sets_deletion_timestamp_and_asks_the_kubelet_for_the_grace_period()
    {
        var name = Objects.UniqueName("grace");
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod(name), "default");
        await Eventually.UntilAsync(() => Client.CoreV1.ReadNamespacedPodAsync(name, "default"), p => p.Spec.NodeName is not null, "binding");

        var answer = await Client.CoreV1.DeleteNamespacedPodAsync(name, "default", gracePeriodSeconds: 7);
        Assert.Equal(name, answer.Metadata.Name);
        Assert.NotNull(answer.Metadata.DeletionTimestamp);
        Assert.Equal(7, answer.Metadata.DeletionGracePeriodSeconds);
        await Eventually.UntilAsync(() => cluster.Kubelet.Stopped.Contains((name, TimeSpan.FromSeconds(7))), "kubelet stop with 7s grace");
    }

    [Fact]
    public async Task Grace_period_defaults_to_the_pod_spec()
    {
        var name = Objects.UniqueName("spec-grace");
        var pod = Objects.Pod(name);
        pod.Spec.TerminationGracePeriodSeconds = 3;
        await Client.CoreV1.CreateNamespacedPodAsync(pod, "default");
        await Eventually.UntilAsync(() => Client.CoreV1.ReadNamespacedPodAsync(name, "default"), p => p.Spec.NodeName is not null, "binding");
        await Client.CoreV1.DeleteNamespacedPodAsync(name, "default");
        await Eventually.UntilAsync(() => cluster.Kubelet.Stopped.Contains((name, TimeSpan.FromSeconds(3))), "kubelet stop with 3s grace");
    }

    [Fact]
    public async Task Secrets_and_pods_owned_by_a_removed_pod_are_garbage_collected()
    {
        var owner = await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod(Objects.UniqueName("owner")), "default");
        var reference = new V1OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid };
        var secret = Objects.Secret(Objects.UniqueName("owned"));
        secret.Metadata.OwnerReferences = [reference];
        await Client.CoreV1.CreateNamespacedSecretAsync(secret, "default");
        var child = Objects.Pod(Objects.UniqueName("child"));
        child.Metadata.OwnerReferences = [reference];
        await Client.CoreV1.CreateNamespacedPodAsync(child, "default");
        var bystander = await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(Objects.UniqueName("free")), "default");

        await Client.CoreV1.DeleteNamespacedPodAsync(owner.Metadata.Name, "default");

        await Eventually.UntilAsync(async () =>
            (await Client.CoreV1.ListNamespacedSecretAsync("default", fieldSelector: $"metadata.name={secret.Metadata.Name}")).Items.Count == 0 &&
            (await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: $"metadata.name={child.Metadata.Name}")).Items.Count == 0,
            "owned objects to be collected");
        Assert.NotNull(await Client.CoreV1.ReadNamespacedSecretAsync(bystander.Metadata.Name, "default"));
    }

    [Fact]
    public async Task Delete_collection_honours_the_label_selector()
    {
        var run = Objects.UniqueName("dc");
        foreach (var (name, keep) in new[] { ("a", "no"), ("b", "no"), ("c", "yes") })
        {
            var secret = Objects.Secret($"{run}-{name}");
            secret.Metadata.Labels = new Dictionary<string, string> { ["run"] = run, ["keep"] = keep };
            await Client.CoreV1.CreateNamespacedSecretAsync(secret, "default");
        }

        await Client.CoreV1.DeleteCollectionNamespacedSecretAsync("default", labelSelector: $"run={run},keep=no");

        var left = await Client.CoreV1.ListNamespacedSecretAsync("default", labelSelector: $"run={run}");
        Assert.Equal($"{run}-c", Assert.Single(left.Items).Metadata.Name);
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_what_it_holds()
    {
        var ns = Objects.UniqueName("gone");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret("inside"), ns);
        await Client.CoreV1.DeleteNamespaceAsync(ns);
        Assert.Empty((await Client.CoreV1.ListNamespacedSecretAsync(ns)).Items);
        Assert.DoesNotContain((await Client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == ns);
    }
}
