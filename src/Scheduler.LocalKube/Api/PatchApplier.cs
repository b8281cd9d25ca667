using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.LocalKube.Patching;

namespace Scheduler.LocalKube.Api;

/// <summary>Applies a PATCH body to an object's JSON according to its Content-Type.</summary>
internal static class PatchApplier
{
    public static JsonNode Apply(JsonNode current, string patchText, string? contentType)
    {
        var type = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchText);
        }
        catch (JsonException e)
        {
            throw StatusException.BadRequest($"error decoding patch: {e.Message}");
        }

        try
        {
            return type switch
            {
                "application/merge-patch+json" => MergePatch.Apply(current, patch) ?? throw BadPatch("the patch removed the whole object"),
                "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(current, patch) ?? throw BadPatch("the patch removed the whole object"),
                "application/json-patch+json" => JsonPatch.Apply(current, patch as JsonArray ?? throw BadPatch("a JSON patch must be an array")),
                _ => throw new StatusException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json"),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new StatusException(422, "Invalid", $"the server rejected our request due to an error in our request: {e.Message}");
        }
    }

    private static StatusException BadPatch(string message) => StatusException.BadRequest(message);
}
