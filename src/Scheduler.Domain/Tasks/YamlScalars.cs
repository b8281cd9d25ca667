using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scheduler.Domain.Tasks;

/// <summary>Helpers to read YAML representation nodes as the spec's scalar values.</summary>
internal static class YamlScalars
{
    /// <summary>True for YAML null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
        && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

    /// <summary>The scalar's text as written (numbers and booleans included), or null for non-scalars and YAML null.</summary>
    public static string? Text(YamlNode node) =>
        node is YamlScalarNode s && !IsNull(node) ? s.Value ?? "" : null;

    /// <summary>The mapping key's text (keys are always scalars in a spec).</summary>
    public static string KeyText(YamlNode key) => (key as YamlScalarNode)?.Value ?? key.ToString();
}
