using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;

namespace Scheduler.Domain.Config;

/// <summary>
/// KubernetesClient's serializer settings, loosened for config text: numbers may be quoted and a string
/// field may hold <c>true</c> or a number (HOCON and env vars carry no scalar types).
/// </summary>
internal static class KubernetesConfigJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        JsonSerializerOptions? copy = null;
        // AddJsonOptions hands out KubernetesJson's shared options; we only copy them, never change them.
        KubernetesJson.AddJsonOptions(shared => copy = new JsonSerializerOptions(shared));
        copy!.NumberHandling |= JsonNumberHandling.AllowReadingFromString;
        copy.Converters.Add(new ScalarAsStringConverter());
        return copy;
    }

    private sealed class ScalarAsStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                _ => throw new JsonException($"expected a string, got {reader.TokenType}"),
            };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);

        // Label and annotation maps have string keys, which go through these.
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString()!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);
    }
}
