using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Config;

/// <summary>
/// Typed, error-collecting access to one object of a config tree. Values may be JSON scalars or text
/// (HOCON has no scalar types, so <c>20</c>, <c>"20"</c> and <c>true</c> all arrive as text).
/// Every key read is remembered, so <see cref="ReportUnknownKeys"/> can name the rest.
/// </summary>
internal sealed class ConfigSection(JsonObject node, string path, List<ConfigError> errors)
{
    private readonly HashSet<string> _read = [];

    public string Path { get; } = path;

    /// <summary>The shared error list, for readers that report nested keys themselves.</summary>
    public List<ConfigError> Errors => errors;

    public string KeyOf(string name) => $"{Path}.{name}";

    public void Error(string name, string message) => errors.Add(new ConfigError(KeyOf(name), message));

    public JsonNode? Raw(string name)
    {
        _read.Add(name);
        return node.TryGetPropertyValue(name, out var value) ? value : null;
    }

    public string? OptionalString(string name)
    {
        var value = Raw(name);
        if (value is null)
            return null;
        if (value is JsonValue scalar)
            return scalar.ToString();
        Error(name, "must be a single value");
        return null;
    }

    public string String(string name, string fallback) => OptionalString(name) is { Length: > 0 } text ? text : fallback;

    public int Int(string name, int fallback) => OptionalInt(name) ?? fallback;

    public int? OptionalInt(string name) => Parse(name, "a whole number",
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null);

    public long? OptionalLong(string name) => Parse(name, "a whole number",
        text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (long?)null);

    public double Double(string name, double fallback) => Parse(name, "a number",
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null) ?? fallback;

    public bool Bool(string name, bool fallback) => Parse(name, "true or false",
        text => text.ToLowerInvariant() switch { "true" or "on" or "yes" => true, "false" or "off" or "no" => (bool?)false, _ => null }) ?? fallback;

    /// <summary>A size in bytes (<see cref="ByteSize"/>: <c>4MiB</c>, <c>1048576</c>), which must be positive.</summary>
    public long? OptionalByteSize(string name)
    {
        var text = OptionalString(name);
        if (text is null)
            return null;
        if (ByteSize.TryParse(text, out var bytes) && bytes > 0)
            return bytes;
        Error(name, $"must be a positive size in bytes such as 4MiB or 1048576, got {JsonSerializer.Serialize(text)}");
        return null;
    }

    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        var text = OptionalString(name);
        if (text is null)
            return fallback;
        if (GoDuration.TryParse(text, out var value, out var error))
            return value;
        Error(name, error);
        return fallback;
    }

    public IReadOnlyList<string> StringList(string name)
    {
        var value = Raw(name);
        if (value is null)
            return [];
        if (value is JsonArray array && array.All(item => item is JsonValue))
            return array.Select(item => item!.ToString()).ToList();
        Error(name, "must be a list of strings");
        return [];
    }

    /// <summary>The named sub-object, or an empty one when absent; a non-object value is an error.</summary>
    public ConfigSection Section(string name)
    {
        var value = Raw(name);
        if (value is not null and not JsonObject)
            Error(name, "must be an object");
        return new ConfigSection(value as JsonObject ?? [], KeyOf(name), errors);
    }

    /// <summary>The entries of a map-like sub-object, e.g. the resource classes by name.</summary>
    public IEnumerable<KeyValuePair<string, JsonNode?>> Entries() => node.ToList();

    public void ReportUnknownKeys()
    {
        foreach (var (key, _) in node)
            if (!_read.Contains(key))
                errors.Add(new ConfigError(KeyOf(key), "unknown field"));
    }

    private T? Parse<T>(string name, string expected, Func<string, T?> parse) where T : struct
    {
        var text = OptionalString(name);
        if (text is null)
            return null;
        var value = parse(text.Trim());
        if (value is null)
            Error(name, $"must be {expected}, got {JsonSerializer.Serialize(text)}");
        return value;
    }
}
