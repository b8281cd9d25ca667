using System.Text.Json.Nodes;

namespace Scheduler.LocalKube.Patching;

/// <summary>
/// Where a JSON patch operation acts: a key of an object or an index token of an array, with the v4 library's rules.
/// An object answers any key (a missing one reads as null); an array only a valid index.
/// </summary>
internal sealed class PatchLocation(JsonNode container, string token)
{
    public bool TryGet(out JsonNode? value)
    {
        value = null;
        switch (container)
        {
            case JsonObject o:
                o.TryGetPropertyValue(token, out value);
                return true;
            case JsonArray a when ArrayIndex.TryExisting(token, a.Count, out var index):
                value = a[index];
                return true;
            default:
                return false;
        }
    }

    /// <summary>Overwrites the value; call only where <see cref="TryGet"/> succeeded.</summary>
    public void Set(JsonNode? value)
    {
        if (container is JsonObject o)
            o[token] = value;
        else if (container is JsonArray a && ArrayIndex.TryExisting(token, a.Count, out var index))
            a[index] = value;
        else
            throw InvalidIndex();
    }

    /// <summary>Sets an object key; inserts into an array before the index, which may equal the length, or appends for "-".</summary>
    public void Add(JsonNode? value)
    {
        switch (container)
        {
            case JsonObject o:
                o[token] = value;
                return;
            case JsonArray a when token == "-":
                a.Add(value);
                return;
            case JsonArray a:
                if (!ArrayIndex.TryParse(token, out var index))
                    throw new InvalidOperationException($"value was not a proper array index: '{token}'");
                var grown = a.Count + 1;
                if (index >= grown || index < -grown) throw InvalidIndex();
                a.Insert((int)(index < 0 ? index + grown : index), value);
                return;
            default:
                throw InvalidIndex();
        }
    }

    public void Remove()
    {
        switch (container)
        {
            case JsonObject o:
                if (!o.Remove(token)) throw new InvalidOperationException($"Unable to remove nonexistent key: {token}: missing value");
                return;
            case JsonArray a when ArrayIndex.TryExisting(token, a.Count, out var index):
                a.RemoveAt(index);
                return;
            default:
                throw InvalidIndex();
        }
    }

    private InvalidOperationException InvalidIndex() => new($"Unable to access invalid index: {token}: invalid index referenced");
}
