using System.Text.Json.Nodes;

namespace Scheduler.LocalKube.Patching;

/// <summary>
/// Equality for the JSON patch "test" operation: objects regardless of key order, arrays element by element,
/// scalars by their compact JSON text (so 1 and 1.0 differ, as in the v4 library); null and a missing value are equal.
/// </summary>
internal static class JsonValuesEqual
{
    public static bool Equal(JsonNode? left, JsonNode? right) => (left, right) switch
    {
        (null, null) => true,
        (JsonObject l, JsonObject r) => l.Count == r.Count &&
            l.All(p => r.TryGetPropertyValue(p.Key, out var other) && Equal(p.Value, other)),
        (JsonArray l, JsonArray r) => l.Count == r.Count && l.Zip(r).All(pair => Equal(pair.First, pair.Second)),
        (JsonValue l, JsonValue r) => l.ToJsonString() == r.ToJsonString(),
        _ => false,
    };
}
