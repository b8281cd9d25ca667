using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

public class CrudTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private IKubernetes Client => cluster.Client;

    [Fact]
    public async Task Create_assigns_identity_and_a_growing_resource_version()
    {
        var first = await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(Objects.UniqueName("s")), "default");
        var second = await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(Objects.UniqueName("s")), "default");

        Assert.True(Guid.TryParse(first.Metadata.Uid, out _));
        Assert.NotNull(first.Metadata.CreationTimestamp);
        Assert.Equal("default", first.Metadata.NamespaceProperty);
        Assert.True(long.Parse(second.Metadata.ResourceVersion) > long.Parse(first.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task GenerateName_gets_a_random_suffix()
    {
        var secret = Objects.Secret("ignored");
        secret.Metadata.Name = null;
        secret.Metadata.GenerateName = "gen-";
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(secret, "default");
        Assert.Matches("^gen-[a-z0-9]{5}$", created.Metadata.Name);
    }

    [Fact]
    public async Task Get_list_and_delete_round_trip()
    {
        var name = Objects.UniqueName("s");
        await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(name, value: "hello"), "default");

        var read = await Client.CoreV1.ReadNamespacedSecretAsync(name, "default");
        Assert.Equal("hello", Encoding.UTF8.GetString(read.Data["token"]));
        var list = await Client.CoreV1.ListNamespacedSecretAsync("default");
        Assert.Contains(list.Items, s => s.Metadata.Name == name);
        Assert.False(string.IsNullOrEmpty(list.Metadata.ResourceVersion));

        await Client.CoreV1.DeleteNamespacedSecretAsync(name, "default");
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedSecretAsync(name, "default"));
        Assert.Equal(404, (int)gone.Response.StatusCode);
    }

    [Fact]
    public async Task StringData_is_folded_into_data()
    {
        var name = Objects.UniqueName("s");
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { ["k"] = "plain" } }, "default");
        Assert.Equal("plain", Encoding.UTF8.GetString(created.Data["k"]));
        Assert.Null(created.StringData);
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_a_conflict()
    {
        var name = Objects.UniqueName("s");
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(name), "default");
        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "1" };
        var updated = await Client.CoreV1.ReplaceNamespacedSecretAsync(created, name, "default");
        Assert.Equal("1", updated.Metadata.Labels["v"]);

        created.Metadata.Labels["v"] = "2"; // still carries the old resourceVersion
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedSecretAsync(created, name, "default"));
        Assert.Equal(409, (int)conflict.Response.StatusCode);
        Assert.Contains("\"reason\":\"Conflict\"", conflict.Response.Content);
    }

    [Theory]
    [InlineData(V1Patch.PatchType.MergePatch, "{\"metadata\":{\"labels\":{\"color\":\"blue\"}}}")]
    [InlineData(V1Patch.PatchType.StrategicMergePatch, "{\"metadata\":{\"labels\":{\"color\":\"blue\"}}}")]
    [InlineData(V1Patch.PatchType.JsonPatch, "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"color\":\"blue\"}}]")]
    public async Task Patch_types_change_labels(V1Patch.PatchType type, string body)
    {
        var name = Objects.UniqueName("s");
        await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(name), "default");
        var patched = await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch(body, type), name, "default");
        Assert.Equal("blue", patched.Metadata.Labels["color"]);
    }

    [Fact]
    public async Task Dry_run_create_validates_but_stores_nothing()
    {
        var name = Objects.UniqueName("s");
        var answer = await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(name), "default", dryRun: "All");
        Assert.Equal(name, answer.Metadata.Name);
        var list = await Client.CoreV1.ListNamespacedSecretAsync("default", fieldSelector: $"metadata.name={name}");
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task Label_and_field_selectors_filter_lists()
    {
        var run = Objects.UniqueName("run");
        foreach (var (name, tier) in new[] { ("a", "front"), ("b", "back"), ("c", "front") })
            await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod($"{run}-{name}", new Dictionary<string, string> { ["run"] = run, ["tier"] = tier }), "default");

        var front = await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: $"run={run},tier in (front)");
        Assert.Equal([$"{run}-a", $"{run}-c"], front.Items.Select(p => p.Metadata.Name).Order());
        var notFront = await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: $"run={run},tier!=front");
        Assert.Equal($"{run}-b", Assert.Single(notFront.Items).Metadata.Name);
        var byName = await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: $"metadata.name={run}-c");
        Assert.Equal($"{run}-c", Assert.Single(byName.Items).Metadata.Name);
    }

    [Fact]
    public async Task Namespaces_exist_and_can_be_created()
    {
        var all = await Client.CoreV1.ListNamespaceAsync();
        Assert.Contains(all.Items, n => n.Metadata.Name == "default");
        Assert.Contains(all.Items, n => n.Metadata.Name == "kube-system");

        var ns = Objects.UniqueName("ns");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var secret = await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret("in-ns"), ns);
        Assert.Equal(ns, secret.Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task Pod_status_subresource_is_readable()
    {
        var name = Objects.UniqueName("p");
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod(name), "default");
        var status = await Client.CoreV1.ReadNamespacedPodStatusAsync(name, "default");
        Assert.Equal(name, status.Metadata.Name);
        Assert.NotNull(status.Status?.Phase);
    }
}
