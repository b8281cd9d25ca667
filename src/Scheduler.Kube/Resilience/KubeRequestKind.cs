namespace Scheduler.Kube.Resilience;

/// <summary>A Kubernetes API request's verb (<c>get</c>, <c>list</c>, <c>watch</c>, <c>create</c>, …) and resource (<c>pods</c>, <c>pods/log</c>, …).</summary>
public sealed record KubeRequestKind(string Verb, string Resource)
{
    /// <summary>
    /// Reads the kind from the method and the path: <c>/api/v1/namespaces/NS/pods/NAME/log</c> is a <c>get</c> of
    /// <c>pods/log</c>, <c>/apis/GROUP/VERSION/nodes?watch=true</c> a <c>watch</c> of <c>nodes</c>.
    /// </summary>
    public static KubeRequestKind Of(HttpMethod method, Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var rest = segments switch
        {
            ["api", _, .. var tail] => tail,
            ["apis", _, _, .. var tail] => tail,
            _ => [],
        };
        if (rest is ["namespaces", _, _, ..])
            rest = rest[2..];
        var (resource, named) = rest switch
        {
            [] => ("unknown", false),
            [var plural] => (plural, false),
            [var plural, _] => (plural, true),
            [var plural, _, var sub, ..] => ($"{plural}/{sub}", true),
        };
        var verb = method.Method switch
        {
            "GET" when uri.Query.Contains("watch=true", StringComparison.Ordinal) => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            var other => other.ToLowerInvariant(),
        };
        return new KubeRequestKind(verb, resource);
    }
}
