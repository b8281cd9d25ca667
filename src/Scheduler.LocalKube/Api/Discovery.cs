using System.Text.Json.Nodes;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>The discovery documents kubectl reads before anything else.</summary>
internal static class Discovery
{
    public const string GitVersion = "v1.32.0-localkube";

    public static string Version() => new JsonObject
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "localkube",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    }.ToJsonString();

    public static string ApiVersions(string serverAddress) => new JsonObject
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    }.ToJsonString();

    public static string ApiGroups() => new JsonObject
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(),
    }.ToJsonString();

    public static string CoreResources()
    {
        string[] crud = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
        var resources = new JsonArray();
        foreach (var kind in ResourceCatalog.All)
        {
            resources.Add(Resource(kind.Plural, kind.Singular, kind.Namespaced, kind.Kind, crud, kind.ShortNames));
        }
        resources.Add(Resource("pods/status", "", true, "Pod", ["get", "patch", "update"], []));
        resources.Add(Resource("pods/log", "", true, "Pod", ["get"], []));
        resources.Add(Resource("pods/exec", "", true, "PodExecOptions", ["create", "get"], []));
        resources.Add(Resource("pods/attach", "", true, "PodAttachOptions", ["create", "get"], []));
        resources.Add(Resource("nodes/status", "", false, "Node", ["get", "patch", "update"], []));
        resources.Add(Resource("namespaces/status", "", false, "Namespace", ["get", "patch", "update"], []));
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["groupVersion"] = "v1",
            ["resources"] = resources,
        }.ToJsonString();
    }

    private static JsonObject Resource(string name, string singular, bool namespaced, string kind, string[] verbs, string[] shortNames)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = singular,
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (shortNames.Length > 0) resource["shortNames"] = new JsonArray(shortNames.Select(v => (JsonNode)v).ToArray());
        if (!name.Contains('/')) resource["categories"] = name is "pods" ? new JsonArray("all") : null;
        if (resource["categories"] is null) resource.Remove("categories");
        return resource;
    }
}
