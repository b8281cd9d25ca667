using System.Text.RegularExpressions;

namespace Scheduler.Agent.Tests.Deploy;

/// <summary>
/// Finds the Kubernetes API calls in C# source and the <c>// kubeAPI: resource, verb[, verb…]</c> tag each must carry
/// (GitLab Runner's convention), and derives the RBAC rules they need.
/// <para>
/// A call is any method invoked on a KubernetesClient API group (<c>.CoreV1.ListNamespacedPodAsync(</c>,
/// <c>.AppsV1.…(</c>) or a WebSocket/muxed-stream extension (<c>.WebSocketNamespacedPodExecAsync(</c>): the two shapes
/// of KubernetesClient's typed API. Its untyped <c>GenericClient</c> is reported as an error, since no tag can be
/// checked against it. The resource and verbs are derived from the
/// method's name (<c>ReadNamespacedPodLog</c> is <c>pods/log, get</c>; <c>WatchList…</c> is <c>watch</c>; exec and
/// attach WebSockets are <c>get, create</c>: the upgrade is a GET, and Kubernetes 1.35's
/// AuthorizePodWebsocketUpgradeCreatePermission checks create too), so a tag
/// must not only be present but say exactly that. The tag sits on its own line, at most
/// <see cref="TagWindow"/> lines above the line naming the method; each tag serves one call, and a tag with no call
/// below it is an error too.
/// </para>
/// </summary>
internal static partial class KubeApiTags
{
    public const int TagWindow = 3;

    public sealed record Rule(bool Namespaced, string ApiGroup, string Resource, string Verb);

    public sealed record Scan(IReadOnlyList<Rule> Rules, IReadOnlyList<string> Problems, int Calls);

    [GeneratedRegex(@"\.(?<group>[A-Z][A-Za-z]*V\d+(?:alpha\d+|beta\d+)?)\.(?<method>[A-Z]\w*)\s*\(|\.(?<method>(?:WebSocket|MuxedStream)Namespaced\w+)\s*\(")]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"^(?<op>DeleteCollection|WatchList|Create|Read|Replace|Patch|Delete|List|WebSocket|MuxedStream)(?<ns>Namespaced)?(?<kind>[A-Z][A-Za-z]*?)(?<sub>Log|Exec|Attach|PortForward|Status|Scale|Eviction|Binding)?(?:WithHttpMessages)?Async$")]
    private static partial Regex MethodPattern();

    [GeneratedRegex(@"^\s*//\s*kubeAPI:\s*(?<resource>[a-z0-9./]+)\s*,\s*(?<verbs>[a-z]+(?:\s*,\s*[a-z]+)*)\s*$")]
    private static partial Regex TagPattern();

    private static readonly Dictionary<string, string[]> VerbsByOperation = new()
    {
        ["Create"] = ["create"],
        ["Read"] = ["get"],
        ["Replace"] = ["update"],
        ["Patch"] = ["patch"],
        ["Delete"] = ["delete"],
        ["DeleteCollection"] = ["deletecollection"],
        ["List"] = ["list"],
        ["WatchList"] = ["watch"],
        ["WebSocket"] = ["create", "get"],
        ["MuxedStream"] = ["create", "get"],
    };

    private static readonly Dictionary<string, string> ApiGroups = new() { ["CoreV1"] = "" };

    /// <summary>Every <c>.cs</c> file under <c>src/</c> but LocalKube (the loopback API server, not a client of a cluster) and build output.</summary>
    public static IEnumerable<string> SourceFiles()
    {
        var src = RepoRoot.Combine("src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar) is var parts
                        && parts[0] != "Scheduler.LocalKube" && !parts.Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);
    }

    public static Scan ScanFiles(IEnumerable<string> files)
    {
        var scans = files.Select(f => ScanSource(Path.GetRelativePath(RepoRoot.Path, f), File.ReadAllText(f))).ToList();
        return new Scan([.. scans.SelectMany(s => s.Rules)], [.. scans.SelectMany(s => s.Problems)], scans.Sum(s => s.Calls));
    }

    public static Scan ScanSource(string file, string source)
    {
        var lines = source.Split('\n');
        var rules = new List<Rule>();
        var problems = new List<string>();
        var tags = new Dictionary<int, (string Resource, SortedSet<string> Verbs)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Contains("kubeAPI:", StringComparison.Ordinal))
                continue;
            var tag = TagPattern().Match(lines[i]);
            if (!tag.Success)
                problems.Add($"{file}:{i + 1}: malformed tag, expected `// kubeAPI: resource, verb[, verb…]` on its own line: {lines[i].Trim()}");
            else
                tags[i] = (tag.Groups["resource"].Value, new SortedSet<string>(tag.Groups["verbs"].Value.Split(',').Select(v => v.Trim()), StringComparer.Ordinal));
        }

        var used = new HashSet<int>();
        var calls = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
                continue;
            if (lines[i].Contains("GenericClient", StringComparison.Ordinal))
                problems.Add($"{file}:{i + 1}: GenericClient: an untyped call whose RBAC cannot be derived; use the typed API");
            foreach (Match call in CallPattern().Matches(lines[i]))
            {
                calls++;
                var method = call.Groups["method"].Value;
                var where = $"{file}:{i + 1}: {method}";
                var parsed = MethodPattern().Match(method);
                var group = call.Groups["group"].Success ? call.Groups["group"].Value : "CoreV1";
                if (!parsed.Success || !ApiGroups.TryGetValue(group, out var apiGroup))
                {
                    problems.Add($"{where}: cannot derive its RBAC rule (extend KubeApiTags' method or API group table)");
                    continue;
                }
                var resource = Plural(parsed.Groups["kind"].Value) + (parsed.Groups["sub"].Success ? "/" + parsed.Groups["sub"].Value.ToLowerInvariant() : "");
                var verbs = VerbsByOperation[parsed.Groups["op"].Value];
                var tagLine = Enumerable.Range(1, TagWindow).Select(d => i - d).FirstOrDefault(tags.ContainsKey, -1);
                if (tagLine < 0)
                {
                    problems.Add($"{where}: no `// kubeAPI: {resource}, {string.Join(", ", verbs)}` tag in the {TagWindow} lines above");
                    continue;
                }
                if (!used.Add(tagLine))
                    problems.Add($"{where}: shares the tag on line {tagLine + 1} with another call; give each call its own");
                var (taggedResource, taggedVerbs) = tags[tagLine];
                if (taggedResource != resource || !taggedVerbs.SetEquals(verbs))
                    problems.Add($"{where}: tagged `{taggedResource}, {string.Join(", ", taggedVerbs)}` but needs `{resource}, {string.Join(", ", verbs)}`");
                rules.AddRange(verbs.Select(verb => new Rule(parsed.Groups["ns"].Success, apiGroup, resource, verb)));
            }
        }
        problems.AddRange(tags.Keys.Where(line => !used.Contains(line)).Select(line => $"{file}:{line + 1}: kubeAPI tag with no Kubernetes call in the {TagWindow} lines below"));
        return new Scan(rules, problems, calls);
    }

    private static string Plural(string kind)
    {
        var lower = kind.ToLowerInvariant();
        return lower.EndsWith('s') ? lower + "es" : lower.EndsWith('y') ? lower[..^1] + "ies" : lower + "s";
    }
}
