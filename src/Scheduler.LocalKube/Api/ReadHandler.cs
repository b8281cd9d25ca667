using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Hosting;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>get, list and watch.</summary>
internal sealed class ReadHandler(ClusterServices services)
{
    private readonly WatchStreamer _watches = new(services);

    public Task GetAsync(HttpContext context, ApiRequest request)
    {
        var obj = services.Store.Find(request.Kind, request.Namespace, request.Name!)
                  ?? throw StatusException.NotFound(request.Kind.Plural, request.Name!);
        if (TableRenderer.Wants(context.Request.Headers.Accept) && request.Subresource is null)
            return ResponseWriter.WriteJsonAsync(context, 200, TableRenderer.Render(request.Kind, [obj], null).ToJsonString());
        return ResponseWriter.WriteObjectAsync(context, 200, obj);
    }

    public Task ListAsync(HttpContext context, ApiRequest request)
    {
        var query = Query(context, request.Kind);
        var (items, version) = Matching(request.Kind, request.Namespace, query);
        if (TableRenderer.Wants(context.Request.Headers.Accept))
            return ResponseWriter.WriteJsonAsync(context, 200, TableRenderer.Render(request.Kind, items, version).ToJsonString());
        return ResponseWriter.WriteJsonAsync(context, 200, ResponseWriter.ListJson(request.Kind, items, version));
    }

    public Task WatchAsync(HttpContext context, ApiRequest request)
    {
        var query = Query(context, request.Kind);
        // A watch on one named object is a watch on the collection with a metadata.name field selector.
        if (request.Name is not null)
            query = query with { Fields = Selectors.FieldSelector.Parse($"metadata.name={request.Name}", ["metadata.name"]) };
        return _watches.StreamAsync(context, request.Kind, request.Namespace, query);
    }

    public (IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Items, long Version) Matching(ResourceKind kind, string? ns, ListQuery query)
    {
        var (all, version) = services.Store.List(kind, ns);
        var items = all.Where(o => query.Labels.Matches(o.Metadata.Labels) && query.Fields.Matches(kind.Fields(o))).ToList();
        return (items, version);
    }

    public static ListQuery Query(HttpContext context, ResourceKind kind) =>
        ListQuery.From(context.Request.Query, SupportedFields(kind));

    private static IReadOnlyCollection<string> SupportedFields(ResourceKind kind) =>
        kind.Plural switch
        {
            "pods" or "events" => KnownFields(kind),
            _ => ["metadata.name", "metadata.namespace"],
        };

    private static IReadOnlyCollection<string> KnownFields(ResourceKind kind) =>
        kind.Fields(kind.FromJson("{}")).Keys.ToHashSet();
}
