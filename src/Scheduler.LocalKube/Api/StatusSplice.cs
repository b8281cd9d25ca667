using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>
/// The status subresource rule: writes to the main resource keep the stored status, writes to …/status change only the status.
/// </summary>
internal static class StatusSplice
{
    private static readonly HashSet<string> KindsWithStatus = ["pods", "nodes", "namespaces"];

    public static IKubernetesObject<V1ObjectMeta> Apply(ResourceKind kind, IKubernetesObject<V1ObjectMeta> current, IKubernetesObject<V1ObjectMeta> written, string? subresource)
    {
        if (!KindsWithStatus.Contains(kind.Plural)) return written;
        var currentJson = JsonNode.Parse(KubernetesJson.Serialize(current))!.AsObject();
        var writtenJson = JsonNode.Parse(KubernetesJson.Serialize(written))!.AsObject();
        JsonObject result;
        if (subresource == "status")
        {
            result = currentJson;
            result["status"] = writtenJson["status"]?.DeepClone();
            result["metadata"]!["resourceVersion"] = writtenJson["metadata"]?["resourceVersion"]?.DeepClone();
        }
        else
        {
            result = writtenJson;
            result["status"] = currentJson["status"]?.DeepClone();
        }
        return kind.FromJson(result.ToJsonString());
    }
}
