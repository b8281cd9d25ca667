using System.Text.Json.Nodes;

namespace Scheduler.Domain.Tests.Config;

/// <summary>Config trees as the HOCON loader hands them over: every scalar is text, except true/false.</summary>
internal static class ConfigTrees
{
    public const string OneClass = """
        { "agent": { "resourceClasses": { "local/small": { "token": "t-small" } } } }
        """;

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A minimal valid tree with <paramref name="agentFields"/> merged into <c>agent</c>.</summary>
    public static JsonObject WithAgent(string agentFields)
    {
        var root = Parse(OneClass);
        foreach (var (key, value) in Parse($"{{{agentFields}}}").ToList())
            root["agent"]![key] = value?.DeepClone();
        return root;
    }

    public static JsonObject WithClass(string name, string classJson) =>
        Parse($$"""{ "agent": { "resourceClasses": { "{{name}}": {{classJson}} } } }""");
}
