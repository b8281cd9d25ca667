using System.Text.Json.Nodes;
using Akka.Configuration.Hocon;

namespace Scheduler.Agent.Config;

/// <summary>
/// Converts a HOCON tree into a JSON tree for <see cref="Scheduler.Domain.Config.SchedulerConfigReader"/>.
/// HOCON scalars carry no type, so they become JSON strings, except <c>true</c>/<c>false</c> (booleans) and
/// <c>null</c>; the reader parses numbers and durations from text.
/// </summary>
public static class HoconJson
{
    public static JsonObject ToJsonObject(HoconValue root) => ToJson(root) as JsonObject ?? [];

    public static JsonNode? ToJson(HoconValue value)
    {
        if (value.IsObject())
        {
            var result = new JsonObject();
            foreach (var (key, child) in value.GetObject().Items)
                result[key] = ToJson(child);
            return result;
        }

        if (value.Values.Count == 1 && value.Values[0] is HoconArray || value.IsArray())
            return new JsonArray(value.GetArray().Select(ToJson).ToArray());

        return value.GetString() switch
        {
            null => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            var text => JsonValue.Create(text),
        };
    }
}
