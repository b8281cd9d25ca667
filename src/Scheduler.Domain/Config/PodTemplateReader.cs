using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Config;

/// <summary>
/// Turns a resource class's <c>metadata</c> and <c>spec</c> trees into a <see cref="PodTemplate"/>,
/// naming the key path of every field Kubernetes does not know.
/// </summary>
internal static class PodTemplateReader
{
    public static PodTemplate Read(ConfigSection resourceClass)
    {
        var errors = resourceClass.Errors;
        var metadata = Deserialize<V1ObjectMeta>(resourceClass.Raw("metadata"), resourceClass.KeyOf("metadata"), errors) ?? new V1ObjectMeta();
        var spec = Deserialize<V1PodSpec>(resourceClass.Raw("spec"), resourceClass.KeyOf("spec"), errors) ?? new V1PodSpec();
        spec.Containers ??= new List<V1Container>();
        return new PodTemplate(metadata, spec);
    }

    private static T? Deserialize<T>(JsonNode? node, string key, List<ConfigError> errors) where T : class
    {
        if (node is null)
            return null;
        if (node is not JsonObject)
        {
            errors.Add(new ConfigError(key, "must be an object"));
            return null;
        }

        T? value;
        try
        {
            value = node.Deserialize<T>(KubernetesConfigJson.Options);
        }
        catch (JsonException e)
        {
            var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key : key + e.Path.TrimStart('$');
            errors.Add(new ConfigError(at, $"invalid value ({FirstSentence(e.Message)})"));
            return null;
        }

        var unknown = UnknownFields(node, JsonNode.Parse(KubernetesJson.Serialize(value!)), key).ToList();
        errors.AddRange(unknown.Select(path => new ConfigError(path, "unknown field")));
        return unknown.Count == 0 ? value : null;
    }

    /// <summary>Keys of the input that did not survive a round trip through the model: the model has no such field.</summary>
    private static IEnumerable<string> UnknownFields(JsonNode? input, JsonNode? output, string path)
    {
        switch (input)
        {
            case JsonObject inObject:
                var outObject = output as JsonObject;
                foreach (var (name, value) in inObject)
                {
                    if (value is null)
                        continue;
                    var childPath = $"{path}.{name}";
                    if (outObject is null || !outObject.TryGetPropertyValue(name, out var outValue))
                        yield return childPath;
                    else
                        foreach (var unknown in UnknownFields(value, outValue, childPath))
                            yield return unknown;
                }
                break;
            case JsonArray inArray:
                var outArray = output as JsonArray;
                for (var i = 0; i < inArray.Count; i++)
                    foreach (var unknown in UnknownFields(inArray[i], outArray is not null && i < outArray.Count ? outArray[i] : null, $"{path}[{i}]"))
                        yield return unknown;
                break;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
