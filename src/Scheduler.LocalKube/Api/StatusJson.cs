using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Scheduler.LocalKube.Api;

/// <summary>Writes a v1 Status as the apiserver does, leaving out empty fields.</summary>
internal static class StatusJson
{
    public static string Serialize(V1Status status)
    {
        var json = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = status.Status,
        };
        if (!string.IsNullOrEmpty(status.Message)) json["message"] = status.Message;
        if (!string.IsNullOrEmpty(status.Reason)) json["reason"] = status.Reason;
        if (status.Details is { } details) json["details"] = Details(details);
        if (status.Code is { } code) json["code"] = code;
        return json.ToJsonString(Options);
    }

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Details(V1StatusDetails details)
    {
        var json = new JsonObject();
        if (!string.IsNullOrEmpty(details.Name)) json["name"] = details.Name;
        if (!string.IsNullOrEmpty(details.Group)) json["group"] = details.Group;
        if (!string.IsNullOrEmpty(details.Kind)) json["kind"] = details.Kind;
        if (!string.IsNullOrEmpty(details.Uid)) json["uid"] = details.Uid;
        if (details.Causes is { Count: > 0 } causes)
        {
            json["causes"] = new JsonArray(causes.Select(c =>
            {
                var cause = new JsonObject();
                if (!string.IsNullOrEmpty(c.Reason)) cause["reason"] = c.Reason;
                if (!string.IsNullOrEmpty(c.Message)) cause["message"] = c.Message;
                if (!string.IsNullOrEmpty(c.Field)) cause["field"] = c.Field;
                return (JsonNode)cause;
            }).ToArray());
        }
        if (details.RetryAfterSeconds is { } retry) json["retryAfterSeconds"] = retry;
        return json;
    }
}
