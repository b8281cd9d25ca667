using System.Text.Json.Nodes;

namespace Scheduler.LocalKube.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        var document = target.DeepClone();
        foreach (var op in operations)
        {
            if (op is not JsonObject operation) throw new FormatException("a JSON patch operation must be an object");
            var name = operation["op"]?.GetValue<string>() ?? throw new FormatException("a JSON patch operation needs \"op\"");
            var path = operation["path"]?.GetValue<string>() ?? throw new FormatException("a JSON patch operation needs \"path\"");
            switch (name)
            {
                case "add":
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Get(document, From(operation))?.DeepClone();
                    Remove(document, From(operation));
                    document = Add(document, path, moved);
                    break;
                case "copy":
                    document = Add(document, path, Get(document, From(operation))?.DeepClone());
                    break;
                case "test":
                    if (Get(document, path)?.ToJsonString() != operation["value"]?.ToJsonString())
                        throw new InvalidOperationException($"test failed at {path}");
                    break;
                default:
                    throw new FormatException($"unknown JSON patch op \"{name}\"");
            }
        }
        return document;
    }

    private static string From(JsonObject operation) =>
        operation["from"]?.GetValue<string>() ?? throw new FormatException("a JSON patch move/copy needs \"from\"");

    private static string[] Tokens(string path)
    {
        if (path == "") return [];
        if (!path.StartsWith('/')) throw new FormatException($"invalid JSON pointer \"{path}\"");
        return path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    private static JsonNode? Get(JsonNode document, string path)
    {
        JsonNode? node = document;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var child) ? child : throw Missing(path),
                JsonArray a => int.TryParse(token, out var i) && i >= 0 && i < a.Count ? a[i] : throw Missing(path),
                _ => throw Missing(path),
            };
        }
        return node;
    }

    private static JsonNode Add(JsonNode document, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0) return value ?? throw new FormatException("cannot replace the document with null");
        var parent = ParentOf(document, tokens);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Missing(path);
        }
        return document;
    }

    private static void Remove(JsonNode document, string path)
    {
        var tokens = Tokens(path);
        var parent = ParentOf(document, tokens);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Missing(path);
        }
    }

    private static JsonNode? ParentOf(JsonNode document, string[] tokens) =>
        tokens.Length == 1 ? document : Get(document, "/" + string.Join('/', tokens[..^1].Select(Escape)));

    private static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");

    private static InvalidOperationException Missing(string path) => new($"the path \"{path}\" does not exist");
}
