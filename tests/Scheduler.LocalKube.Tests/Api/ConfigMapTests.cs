using k8s;
using k8s.Autorest;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

/// <summary>configmaps as a core/v1 resource: discovery, CRUD, selectors, watch, table and owner garbage collection.</summary>
public sealed class ConfigMapTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>, IDisposable
{
    private readonly RawApi _raw = new(cluster.Server.BaseUri);

    private IKubernetes Client => cluster.Client;

    public void Dispose() => _raw.Dispose();

    private static V1ConfigMap ConfigMap(string name, string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, string> { ["key"] = value },
    };

    [Fact]
    public async Task Discovery_lists_configmaps_with_short_name_cm()
    {
        var (_, body, _) = await _raw.SendAsync(HttpMethod.Get, "/api/v1");
        var configMaps = Assert.Single(body!["resources"]!.AsArray(), r => (string?)r!["name"] == "configmaps")!;
        Assert.Equal(("ConfigMap", "configmap", true), ((string?)configMaps["kind"], (string?)configMaps["singularName"], (bool?)configMaps["namespaced"]));
        Assert.Equal(["cm"], configMaps["shortNames"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("watch", configMaps["verbs"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public async Task Create_get_list_by_field_selector_patch_and_delete()
    {
        var name = Objects.UniqueName("c");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name, "1"), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(Objects.UniqueName("other"), "x"), "default");

        Assert.Equal("1", (await Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default")).Data["key"]);
        var selected = await Client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: $"metadata.name={name},metadata.namespace=default");
        Assert.Equal([name], selected.Items.Select(c => c.Metadata.Name));

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"key\":\"2\",\"more\":\"3\"}}", V1Patch.PatchType.MergePatch), name, "default");
        Assert.Equal(new Dictionary<string, string> { ["key"] = "2", ["more"] = "3" }, patched.Data);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync(name, "default");
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default"));
        Assert.Equal(404, (int)gone.Response.StatusCode);
    }

    [Fact]
    public async Task Watch_streams_added_modified_and_deleted()
    {
        var name = Objects.UniqueName("c");
        using var watch = await _raw.WatchAsync($"/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3D{name}");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name, "1"), "default");
        var updated = await Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default");
        updated.Data["key"] = "2";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(updated, name, "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync(name, "default");

        Assert.Equal("ADDED", (string?)(await watch.NextMatchingAsync(e => (string?)e["type"] != "BOOKMARK"))["type"]);
        var modified = await watch.NextMatchingAsync(e => (string?)e["type"] != "BOOKMARK");
        Assert.Equal(("MODIFIED", "2"), ((string?)modified["type"], (string?)modified["object"]!["data"]!["key"]));
        Assert.Equal("DELETED", (string?)(await watch.NextMatchingAsync(e => (string?)e["type"] != "BOOKMARK"))["type"]);
    }

    [Fact]
    public async Task Server_side_table_counts_data_and_binary_data()
    {
        var name = Objects.UniqueName("c");
        var configMap = ConfigMap(name, "1");
        configMap.BinaryData = new Dictionary<string, byte[]> { ["bin"] = [0, 1] };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(configMap, "default");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{cluster.Server.BaseUri}api/v1/namespaces/default/configmaps/{name}");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");
        using var http = new HttpClient();
        var table = System.Text.Json.Nodes.JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal(["Name", "Data", "Age"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal((name, 2), ((string?)cells[0], (int?)cells[1]));
    }

    [Fact]
    public async Task Configmaps_go_with_their_namespace_and_their_owner()
    {
        var ns = Objects.UniqueName("ns");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("in-ns", "1"), ns);
        var owner = await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(Objects.UniqueName("owner")), "default");
        var owned = ConfigMap(Objects.UniqueName("owned"), "1");
        owned.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Secret", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid }];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(owned, "default");

        await Client.CoreV1.DeleteNamespaceAsync(ns);
        await Client.CoreV1.DeleteNamespacedSecretAsync(owner.Metadata.Name, "default");

        Assert.Empty((await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items);
        await Eventually.UntilAsync(
            async () => (await Client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: $"metadata.name={owned.Metadata.Name}")).Items.Count == 0,
            "the owned configmap to be collected");
    }
}
