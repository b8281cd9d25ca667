using System.Text.Json;

namespace Scheduler.Agent.Serialization;

/// <summary>
/// How one message type is stored and sent: its stable manifest and its JSON payload. A manifest names a format, not a
/// CLR type; a changed format gets a new manifest (<c>.v2</c>) and the old one stays readable.
/// </summary>
public sealed record MessageFormat(Type Type, string Manifest, Func<object, byte[]> Write, Func<byte[], object> Read)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Written through an explicit contract <typeparamref name="TContract"/>, so renaming <typeparamref name="T"/> or its members changes nothing stored.</summary>
    public static MessageFormat Contract<T, TContract>(string manifest, Func<T, TContract> toContract, Func<TContract, T> fromContract)
        where T : notnull =>
        new(typeof(T), manifest,
            message => JsonSerializer.SerializeToUtf8Bytes(toContract((T)message), Json),
            bytes => fromContract(JsonSerializer.Deserialize<TContract>(bytes, Json) ?? throw new JsonException($"{manifest}: empty payload")));

    /// <summary>The record's own shape as JSON: for messages between live replicas, which are never stored.</summary>
    public static MessageFormat Message<T>(string manifest) where T : notnull =>
        new(typeof(T), manifest,
            message => JsonSerializer.SerializeToUtf8Bytes((T)message, Json),
            bytes => JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new JsonException($"{manifest}: empty payload"));
}
