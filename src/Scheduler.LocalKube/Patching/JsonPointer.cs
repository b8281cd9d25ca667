using System.Text.Json.Nodes;

namespace Scheduler.LocalKube.Patching;

/// <summary>Resolves a JSON patch path to the location it names, walking objects and arrays as the v4 library does.</summary>
internal static class JsonPointer
{
    /// <summary>The location of the last token; null when a step before it is missing, null, or not an object or array.</summary>
    public static PatchLocation? Parent(JsonNode document, string path)
    {
        // Like the library, the text before the first "/" is not a token, and a path without "/" names nothing.
        var tokens = path.Split('/');
        if (tokens.Length < 2 || document is not (JsonObject or JsonArray)) return null;
        var container = document;
        foreach (var token in tokens[1..^1])
        {
            if (!new PatchLocation(container, Decode(token)).TryGet(out var next) || next is not (JsonObject or JsonArray))
                return null;
            container = next;
        }
        return new PatchLocation(container, Decode(tokens[^1]));
    }

    private static string Decode(string token) => token.Replace("~1", "/").Replace("~0", "~");
}
