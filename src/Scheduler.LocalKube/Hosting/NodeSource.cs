using k8s;
using k8s.Models;

namespace Scheduler.LocalKube.Hosting;

/// <summary>The nodes to register at start: from the options, the nodes file, or one default node.</summary>
internal static class NodeSource
{
    public static IReadOnlyList<V1Node> Load(LocalKubeOptions options)
    {
        var nodes = new List<V1Node>(options.Nodes);
        if (options.NodesFile is { } file) nodes.AddRange(Parse(File.ReadAllText(file)));
        if (nodes.Count == 0) nodes.Add(NodeDefaults.DefaultNode());
        return nodes;
    }

    /// <summary>Parses a YAML/JSON sequence of nodes, a NodeList, or one or more Node documents.</summary>
    public static IReadOnlyList<V1Node> Parse(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('-'))
            return KubernetesYaml.Deserialize<List<V1Node>>(text) ?? [];

        var typeMap = new Dictionary<string, Type> { ["v1/Node"] = typeof(V1Node), ["v1/NodeList"] = typeof(V1NodeList) };
        var nodes = new List<V1Node>();
        foreach (var doc in KubernetesYaml.LoadAllFromString(text, typeMap))
        {
            switch (doc)
            {
                case V1Node node:
                    nodes.Add(node);
                    break;
                case V1NodeList list:
                    nodes.AddRange(list.Items);
                    break;
                default:
                    throw new FormatException($"the nodes file holds a {doc?.GetType().Name}, not a Node or NodeList");
            }
        }
        return nodes;
    }
}
