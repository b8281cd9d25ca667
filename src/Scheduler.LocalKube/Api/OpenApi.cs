using System.Text.Json.Nodes;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>
/// A minimal OpenAPI v3 document for core/v1. kubectl's default --validate=strict only checks that each kind's PATCH
/// operation accepts the fieldValidation query parameter (then it leaves validation to the server), so paths with the
/// group-version-kind extension are all it needs. No schemas are published, so kubectl falls back to its built-in types.
/// </summary>
internal static class OpenApi
{
    public const string CoreV1Hash = "localkube-v1";

    public static string Root() => new JsonObject
    {
        ["paths"] = new JsonObject
        {
            ["api/v1"] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/api/v1?hash={CoreV1Hash}" },
        },
    }.ToJsonString();

    public static string CoreV1()
    {
        var paths = new JsonObject();
        foreach (var kind in ResourceCatalog.All)
        {
            var path = kind.Namespaced ? $"/api/v1/namespaces/{{namespace}}/{kind.Plural}/{{name}}" : $"/api/v1/{kind.Plural}/{{name}}";
            paths[path] = new JsonObject { ["patch"] = PatchOperation(kind) };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = Discovery.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        }.ToJsonString();
    }

    private static JsonObject PatchOperation(ResourceKind kind) => new()
    {
        ["operationId"] = $"patchCoreV1{(kind.Namespaced ? "Namespaced" : "")}{kind.Kind}",
        ["x-kubernetes-action"] = "patch",
        ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = kind.Kind },
        ["parameters"] = new JsonArray(
            QueryParameter("dryRun"),
            QueryParameter("fieldManager"),
            QueryParameter("fieldValidation"),
            QueryParameter("force")),
        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
    };

    private static JsonObject QueryParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
    };
}
