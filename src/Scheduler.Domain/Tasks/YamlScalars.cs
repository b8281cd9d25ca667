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

    /// <summary>
    /// The mapping key's text; a sequence or mapping used as a key (never valid in a spec) reads as <c>&lt;sequence&gt;</c>
    /// or <c>&lt;mapping&gt;</c>. Such a key is never printed: it may be an alias bomb, which printing would expand.
    /// </summary>
    public static string KeyText(YamlNode key) => (key as YamlScalarNode)?.Value ?? $"<{key.NodeType.ToString().ToLowerInvariant()}>";
}
