using System.Text.Json.Nodes;
using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// Serialises a Status as the API server writes it. KubernetesJson cannot write V1Status
/// (its converter only reads), so the fields the kubelet uses are written here.
/// </summary>
public static class StatusJson
{
    public static string Serialize(V1Status status)
    {
        var json = new JsonObject();
        if (status.Kind is not null)
            json["kind"] = status.Kind;
        if (status.ApiVersion is not null)
            json["apiVersion"] = status.ApiVersion;
        json["metadata"] = new JsonObject();
        json["status"] = status.Status;
        if (status.Message is not null)
            json["message"] = status.Message;
        if (status.Reason is not null)
            json["reason"] = status.Reason;
        if (status.Details is { } details)
        {
            var causes = new JsonArray();
            foreach (var cause in details.Causes ?? [])
            {
                var item = new JsonObject();
                if (cause.Reason is not null)
                    item["reason"] = cause.Reason;
                if (cause.Message is not null)
                    item["message"] = cause.Message;
                causes.Add(item);
            }
            json["details"] = new JsonObject { ["causes"] = causes };
        }
        if (status.Code is { } code)
            json["code"] = code;
        return json.ToJsonString();
    }
}
