namespace Scheduler.LocalKube.Protobuf;

/// <summary>Adds decoded protobuf map entries; a repeated key keeps the last value, as in protobuf.</summary>
internal static class DictionaryEntries
{
    public static void Put<T>(this IDictionary<string, T> map, KeyValuePair<string, T> entry) => map[entry.Key] = entry.Value;
}
