using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>What a /api/v1/… request addresses, as the apiserver's RequestInfoResolver sees it.</summary>
internal sealed record ApiRequest(string Verb, ResourceKind Kind, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>"pods", or "pods/exec" for a subresource; what fault rules match on.</summary>
    public string Resource => Subresource is null ? Kind.Plural : $"{Kind.Plural}/{Subresource}";

    /// <summary>
    /// Parses the path after /api/v1/ and the HTTP method. Unknown resources are 404, unsupported methods 405.
    /// </summary>
    public static ApiRequest Parse(string method, string path, bool watch)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? ns = null;
        if (parts.Length >= 3 && parts[0] == "namespaces" && ResourceCatalog.Find(parts[2]) is { Namespaced: true })
        {
            ns = parts[1];
            parts = parts[2..];
        }
        if (parts.Length is 0 or > 3) throw StatusException.UnknownResource();
        var kind = ResourceCatalog.Find(parts[0]) ?? throw StatusException.UnknownResource();
        var name = parts.Length >= 2 ? parts[1] : null;
        var sub = parts.Length == 3 ? parts[2] : null;
        if (sub is not null && !IsKnownSubresource(kind, sub)) throw StatusException.UnknownResource();
        if (kind.Namespaced && ns is null && name is not null) throw StatusException.UnknownResource();

        var verb = (method, name, sub) switch
        {
            ("GET", null, _) => watch ? "watch" : "list",
            ("POST", null, _) => "create",
            ("DELETE", null, _) => "deletecollection",
            (_, null, _) => throw StatusException.MethodNotAllowed(),
            ("GET", _, "exec" or "attach") => "create",
            ("POST", _, "exec" or "attach") => "create",
            ("GET", _, _) => watch ? "watch" : "get",
            ("PUT", _, not ("exec" or "attach" or "log")) => "update",
            ("PATCH", _, not ("exec" or "attach" or "log")) => "patch",
            ("DELETE", _, null) => "delete",
            _ => throw StatusException.MethodNotAllowed(),
        };
        if (sub == "log" && verb != "get") throw StatusException.MethodNotAllowed();
        return new ApiRequest(verb, kind, ns, name, sub);
    }

    private static bool IsKnownSubresource(ResourceKind kind, string sub) => (kind.Plural, sub) switch
    {
        ("pods", "status" or "exec" or "attach" or "log") => true,
        ("nodes" or "namespaces", "status") => true,
        _ => false,
    };
}
