using System.Text.Json.Nodes;

namespace Scheduler.LocalKube.Patching;

/// <summary>
/// RFC 6902 JSON patch with the semantics of the Kubernetes API server's library (evanphx/json-patch v4), which
/// differ from the RFC: replace sets a key missing from an existing object, copy from a missing key copies null,
/// test finds a missing key equal to null, indices are parsed like Go's Atoi (leading zeros, sign) and may be
/// negative (counted from the end). A failed operation throws <see cref="InvalidOperationException"/>.
/// </summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        var document = target.DeepClone();
        foreach (var op in operations)
        {
            if (op is not JsonObject operation) throw new FormatException("a JSON patch operation must be an object");
            var kind = Text(operation, "op") ?? "unknown";
            document = kind switch
            {
                "add" => Add(document, operation),
                "remove" => Remove(document, operation),
                "replace" => Replace(document, operation),
                "move" => Move(document, operation),
                "copy" => Copy(document, operation),
                "test" => Test(document, operation),
                _ => throw new InvalidOperationException($"Unexpected kind: {kind}"),
            };
        }
        return document;
    }

    private static JsonNode Add(JsonNode document, JsonObject operation)
    {
        var path = Path(operation, "add");
        var target = JsonPointer.Parent(document, path) ?? throw Missing("add", "path", path);
        target.Add(Value(operation));
        return document;
    }

    private static JsonNode Remove(JsonNode document, JsonObject operation)
    {
        var path = Path(operation, "remove");
        var target = JsonPointer.Parent(document, path) ?? throw Missing("remove", "path", path);
        target.Remove();
        return document;
    }

    private static JsonNode Replace(JsonNode document, JsonObject operation)
    {
        var path = Path(operation, "replace");
        if (path == "")
        {
            return Value(operation) is { } whole && whole is JsonObject or JsonArray
                ? whole
                : throw new InvalidOperationException("replace operation value must be object or array");
        }
        var target = JsonPointer.Parent(document, path) ?? throw Missing("replace", "path", path);
        if (!target.TryGet(out _)) throw Missing("replace", "key", path);
        target.Set(Value(operation));
        return document;
    }

    private static JsonNode Move(JsonNode document, JsonObject operation)
    {
        var from = From(operation, "move");
        var source = JsonPointer.Parent(document, from) ?? throw Missing("move", "from path", from);
        if (!source.TryGet(out var value)) throw new InvalidOperationException($"error in move for path: '{from}': invalid index");
        source.Remove();
        var path = Path(operation, "move");
        var target = JsonPointer.Parent(document, path) ?? throw Missing("move", "destination path", path);
        target.Add(value);
        return document;
    }

    private static JsonNode Copy(JsonNode document, JsonObject operation)
    {
        var from = From(operation, "copy");
        var source = JsonPointer.Parent(document, from) ?? throw Missing("copy", "from path", from);
        if (!source.TryGet(out var value)) throw new InvalidOperationException($"error in copy for from: '{from}': invalid index");
        var path = Path(operation, "copy");
        var target = JsonPointer.Parent(document, path) ?? throw Missing("copy", "destination path", path);
        target.Add(value?.DeepClone());
        return document;
    }

    private static JsonNode Test(JsonNode document, JsonObject operation)
    {
        var path = Path(operation, "test");
        JsonNode? actual;
        if (path == "")
            actual = document;
        else
        {
            var target = JsonPointer.Parent(document, path) ?? throw Missing("test", "path", path);
            if (!target.TryGet(out actual)) throw new InvalidOperationException($"error in test for path: '{path}': invalid index");
        }
        return JsonValuesEqual.Equal(actual, Value(operation))
            ? document
            : throw new InvalidOperationException($"testing value {path} failed: test failed");
    }

    private static JsonNode? Value(JsonObject operation) => operation["value"]?.DeepClone();

    private static string Path(JsonObject operation, string kind) =>
        Text(operation, "path") ?? throw new InvalidOperationException($"{kind} operation failed to decode path: missing value");

    private static string From(JsonObject operation, string kind) =>
        Text(operation, "from") ?? throw new InvalidOperationException($"{kind} operation failed to decode from: missing value");

    private static string? Text(JsonObject operation, string field) =>
        operation[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static InvalidOperationException Missing(string kind, string what, string path) =>
        new($"{kind} operation does not apply: doc is missing {what}: {path}: missing value");
}
