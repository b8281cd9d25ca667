using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>
/// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for with <c>Accept: application/json;as=Table…</c>,
/// with the columns kubectl shows for each kind.
/// </summary>
internal static class TableRenderer
{
    public static bool Wants(string? accept) => accept?.Contains("as=Table", StringComparison.OrdinalIgnoreCase) == true;

    public static JsonObject Render(ResourceKind kind, IEnumerable<IKubernetesObject<V1ObjectMeta>> items, long? version, bool withColumns = true)
    {
        var rows = new JsonArray();
        foreach (var item in items)
        {
            rows.Add(new JsonObject
            {
                ["cells"] = new JsonArray(Cells(item).Select(c => c switch
                {
                    int i => (JsonNode)JsonValue.Create(i),
                    _ => JsonValue.Create(c?.ToString() ?? ""),
                }).ToArray()),
                ["object"] = JsonNode.Parse(KubernetesJson.Serialize(item)),
            });
        }
        var metadata = new JsonObject();
        if (version is { } v) metadata["resourceVersion"] = v.ToString();
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = withColumns ? Columns(kind) : new JsonArray(),
            ["rows"] = rows,
        };
    }

    private static JsonArray Columns(ResourceKind kind)
    {
        string[] names = kind.Plural switch
        {
            "pods" => ["Name", "Ready", "Status", "Restarts", "Age"],
            "nodes" => ["Name", "Status", "Roles", "Age", "Version"],
            "secrets" => ["Name", "Type", "Data", "Age"],
            "configmaps" => ["Name", "Data", "Age"],
            "namespaces" => ["Name", "Status", "Age"],
            "events" => ["Last Seen", "Type", "Reason", "Object", "Message"],
            _ => ["Name", "Age"],
        };
        return new JsonArray(names.Select(n => (JsonNode)new JsonObject
        {
            ["name"] = n,
            ["type"] = n is "Restarts" or "Data" ? "integer" : "string",
            ["format"] = n == "Name" ? "name" : "",
            ["description"] = n,
            ["priority"] = 0,
        }).ToArray());
    }

    private static object?[] Cells(IKubernetesObject<V1ObjectMeta> item) => item switch
    {
        V1Pod p => [p.Metadata.Name, PodReady(p), PodStatus(p), p.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0, HumanAge.Since(p.Metadata.CreationTimestamp)],
        V1Node n => [n.Metadata.Name, NodeStatus(n), NodeRoles(n), HumanAge.Since(n.Metadata.CreationTimestamp), n.Status?.NodeInfo?.KubeletVersion ?? ""],
        V1Secret s => [s.Metadata.Name, s.Type ?? "Opaque", s.Data?.Count ?? 0, HumanAge.Since(s.Metadata.CreationTimestamp)],
        V1ConfigMap c => [c.Metadata.Name, (c.Data?.Count ?? 0) + (c.BinaryData?.Count ?? 0), HumanAge.Since(c.Metadata.CreationTimestamp)],
        V1Namespace ns => [ns.Metadata.Name, ns.Status?.Phase ?? "Active", HumanAge.Since(ns.Metadata.CreationTimestamp)],
        Corev1Event e => [HumanAge.Since(e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp), e.Type, e.Reason,
            $"{e.InvolvedObject?.Kind?.ToLowerInvariant()}/{e.InvolvedObject?.Name}", e.Message],
        _ => [item.Metadata.Name, HumanAge.Since(item.Metadata.CreationTimestamp)],
    };

    private static string PodReady(V1Pod pod)
    {
        var total = pod.Spec?.Containers?.Count ?? 0;
        var ready = pod.Status?.ContainerStatuses?.Count(c => c.Ready) ?? 0;
        return $"{ready}/{total}";
    }

    /// <summary>The STATUS column as kubectl computes it: a container's waiting/terminated reason beats the phase.</summary>
    private static string PodStatus(V1Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null) return "Terminating";
        var reason = pod.Status?.Reason ?? pod.Status?.Phase ?? "Pending";
        foreach (var status in pod.Status?.ContainerStatuses ?? [])
        {
            if (status.State?.Waiting?.Reason is { Length: > 0 } waiting) reason = waiting;
            else if (status.State?.Terminated is { } terminated)
                reason = terminated.Reason is { Length: > 0 } r ? r : terminated.Signal is { } s && s != 0 ? $"Signal:{s}" : $"ExitCode:{terminated.ExitCode}";
        }
        return reason;
    }

    private static string NodeStatus(V1Node node)
    {
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var status = ready?.Status == "True" ? "Ready" : ready is null ? "Unknown" : "NotReady";
        return node.Spec?.Unschedulable == true ? status + ",SchedulingDisabled" : status;
    }

    private static string NodeRoles(V1Node node)
    {
        var roles = (node.Metadata.Labels ?? new Dictionary<string, string>())
            .Keys.Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
            .Select(k => k["node-role.kubernetes.io/".Length..])
            .ToList();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }
}
