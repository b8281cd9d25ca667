namespace Scheduler.Agent.Serialization;

/// <summary>Every format <see cref="SchedulerSerializer"/> knows, by type and by manifest; each manifest is used once.</summary>
public sealed class MessageFormats
{
    private readonly Dictionary<Type, MessageFormat> _byType = new();
    private readonly Dictionary<string, MessageFormat> _byManifest = new(StringComparer.Ordinal);

    public MessageFormats(SecretCipher? cipher)
    {
        var specs = new TaskSpecContract(cipher);
        Stored = [.. JobEventFormats.All(specs), .. ResourceClassFormats.All()];
        Wire = [.. ClusterMessageFormats.All(specs)];
        foreach (var format in Stored.Concat(Wire))
        {
            if (!_byManifest.TryAdd(format.Manifest, format))
                throw new InvalidOperationException($"manifest {format.Manifest} is used by {_byManifest[format.Manifest].Type.Name} and {format.Type.Name}");
            if (!_byType.TryAdd(format.Type, format))
                throw new InvalidOperationException($"{format.Type.Name} has two formats");
        }
    }

    /// <summary>Formats of the journal's events and snapshots: their payloads must stay readable forever.</summary>
    public IReadOnlyList<MessageFormat> Stored { get; }

    /// <summary>Formats of messages between live replicas, never stored.</summary>
    public IReadOnlyList<MessageFormat> Wire { get; }

    public MessageFormat For(Type type) => _byType.TryGetValue(type, out var format)
        ? format
        : throw new ArgumentException($"{type.FullName} has no stable format: add one in Scheduler.Agent.Serialization", nameof(type));

    public MessageFormat For(string manifest) => _byManifest.TryGetValue(manifest, out var format)
        ? format
        : throw new ArgumentException($"unknown manifest \"{manifest}\": written by a newer version, or its format was removed", nameof(manifest));
}
