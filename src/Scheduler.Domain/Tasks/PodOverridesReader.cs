using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Scheduler.Domain.Tasks;

/// <summary>Reads a task spec's <c>resources</c>, <c>nodeSelector</c> and <c>tolerations</c> into <see cref="TaskPodOverrides"/>.</summary>
internal static partial class PodOverridesReader
{
    public static readonly IReadOnlyList<string> Keys = ["resources", "nodeSelector", "tolerations"];

    private static readonly IReadOnlyList<string> Operators = ["Equal", "Exists"];
    private static readonly IReadOnlyList<string> Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    // A Kubernetes label key: an optional DNS prefix and a name of at most 63 characters.
    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$")]
    private static partial Regex LabelValue();

    public static TaskPodOverrides Read(IReadOnlyDictionary<string, YamlNode> fields, List<ValidationError> errors) => new(
        ReadResources(fields.GetValueOrDefault("resources"), errors),
        ReadNodeSelector(fields.GetValueOrDefault("nodeSelector"), errors),
        ReadTolerations(fields.GetValueOrDefault("tolerations"), errors));

    private static TaskResources ReadResources(YamlNode? node, List<ValidationError> errors)
    {
        if (node is null || YamlScalars.IsNull(node))
            return TaskResources.None;
        if (Mapping(node, "resources", "{requests: {cpu, memory}, limits: {cpu, memory}}", ["requests", "limits"], errors) is not { } sides)
            return TaskResources.None;
        var resources = new TaskResources(
            ReadAmounts(sides.GetValueOrDefault("requests"), "resources.requests", errors),
            ReadAmounts(sides.GetValueOrDefault("limits"), "resources.limits", errors));
        foreach (var (name, request, limit) in new[]
                 {
                     ("cpu", resources.Requests.Cpu, resources.Limits.Cpu),
                     ("memory", resources.Requests.Memory, resources.Limits.Memory),
                 })
        {
            if (request is not null && limit is not null && request > limit)
                errors.Add(new ValidationError($"resources.requests.{name}", $"{request} exceeds resources.limits.{name} ({limit})"));
        }
        return resources;
    }

    private static ResourceAmounts ReadAmounts(YamlNode? node, string path, List<ValidationError> errors)
    {
        if (node is null || YamlScalars.IsNull(node))
            return ResourceAmounts.None;
        if (Mapping(node, path, "{cpu, memory}", ["cpu", "memory"], errors) is not { } values)
            return ResourceAmounts.None;
        return new ResourceAmounts(
            ReadQuantity(values.GetValueOrDefault("cpu"), path + ".cpu", errors),
            ReadQuantity(values.GetValueOrDefault("memory"), path + ".memory", errors));
    }

    private static KubeQuantity? ReadQuantity(YamlNode? node, string path, List<ValidationError> errors)
    {
        if (node is null || YamlScalars.IsNull(node))
            return null;
        var quantity = KubeQuantity.Parse(YamlScalars.Text(node), out var error);
        if (quantity is null)
            errors.Add(new ValidationError(path, error));
        return quantity;
    }

    private static Dictionary<string, string> ReadNodeSelector(YamlNode? node, List<ValidationError> errors)
    {
        var selector = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null || YamlScalars.IsNull(node))
            return selector;
        if (node is not YamlMappingNode map)
        {
            errors.Add(new ValidationError("nodeSelector", "must be a mapping of label: value"));
            return selector;
        }
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = YamlScalars.KeyText(keyNode);
            var path = $"nodeSelector.{key}";
            if (!LabelKey().IsMatch(key))
                errors.Add(new ValidationError(path, "invalid label key"));
            else if (YamlScalars.Text(valueNode) is not { } value || !LabelValue().IsMatch(value))
                errors.Add(new ValidationError(path, "must be a label value (at most 63 letters, digits, '-', '_', '.')"));
            else
                selector[key] = value;
        }
        return selector;
    }

    private static List<TaskToleration> ReadTolerations(YamlNode? node, List<ValidationError> errors)
    {
        var tolerations = new List<TaskToleration>();
        if (node is null || YamlScalars.IsNull(node))
            return tolerations;
        if (node is not YamlSequenceNode sequence)
        {
            errors.Add(new ValidationError("tolerations", "must be a list of {key, operator, value, effect}"));
            return tolerations;
        }
        for (var i = 0; i < sequence.Children.Count; i++)
            if (ReadToleration(sequence.Children[i], $"tolerations[{i}]", errors) is { } toleration)
                tolerations.Add(toleration);
        return tolerations;
    }

    private static TaskToleration? ReadToleration(YamlNode node, string path, List<ValidationError> errors)
    {
        if (Mapping(node, path, "{key, operator, value, effect, tolerationSeconds}", ["key", "operator", "value", "effect", "tolerationSeconds"], errors) is not { } fields)
            return null;
        string? Text(string name) => fields.TryGetValue(name, out var value) ? YamlScalars.Text(value) : null;
        var count = errors.Count;

        var key = Text("key");
        if (string.IsNullOrEmpty(key))
            errors.Add(new ValidationError(path + ".key", "required (a class allows tolerations per taint key)"));
        else if (!LabelKey().IsMatch(key))
            errors.Add(new ValidationError(path + ".key", "invalid taint key"));
        var op = Text("operator") ?? "Equal";
        if (!Operators.Contains(op))
            errors.Add(new ValidationError(path + ".operator", $"must be Equal or Exists, got \"{op}\""));
        var value = Text("value");
        if (op == "Exists" && !string.IsNullOrEmpty(value))
            errors.Add(new ValidationError(path + ".value", "must be empty with operator Exists"));
        var effect = Text("effect");
        if (effect is not null && !Effects.Contains(effect))
            errors.Add(new ValidationError(path + ".effect", $"must be one of {string.Join(", ", Effects)}, got \"{effect}\""));
        long? seconds = null;
        if (Text("tolerationSeconds") is { } secondsText)
        {
            if (!long.TryParse(secondsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                errors.Add(new ValidationError(path + ".tolerationSeconds", "must be a whole number"));
            else if (effect != "NoExecute")
                errors.Add(new ValidationError(path + ".tolerationSeconds", "only with effect NoExecute"));
            else
                seconds = parsed;
        }
        return errors.Count == count ? new TaskToleration(key!, op, value, effect, seconds) : null;
    }

    private static Dictionary<string, YamlNode>? Mapping(YamlNode node, string path, string shape, IReadOnlyList<string> allowed, List<ValidationError> errors)
    {
        if (node is not YamlMappingNode map)
        {
            errors.Add(new ValidationError(path, $"must be a mapping {shape}"));
            return null;
        }
        var fields = new Dictionary<string, YamlNode>();
        foreach (var (keyNode, value) in map.Children)
        {
            var key = YamlScalars.KeyText(keyNode);
            if (allowed.Contains(key))
                fields[key] = value;
            else
                errors.Add(new ValidationError($"{path}.{key}", $"unknown field (expected one of: {string.Join(", ", allowed)})"));
        }
        return fields;
    }
}
