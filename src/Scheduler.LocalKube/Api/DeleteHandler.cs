using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Hosting;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>delete and deletecollection. Pods terminate gracefully; namespaces take their contents with them.</summary>
internal sealed class DeleteHandler(ClusterServices services, ReadHandler reads)
{
    private static readonly HashSet<string> ProtectedNamespaces = ["default", "kube-system", "kube-public"];

    public async Task DeleteAsync(HttpContext context, ApiRequest request)
    {
        var options = await BodyReader.ReadDeleteOptionsAsync(context.Request);
        var current = services.Store.Find(request.Kind, request.Namespace, request.Name!)
                      ?? throw StatusException.NotFound(request.Kind.Plural, request.Name!);
        CheckPreconditions(request, options, current);
        var deleted = await DeleteOneAsync(request.Kind, current, GracePeriod(context, options), WriteHandler.IsDryRun(context));
        if (request.Kind == ResourceCatalog.Pods || request.Kind == ResourceCatalog.Namespaces)
            await ResponseWriter.WriteObjectAsync(context, 200, deleted);
        else
            await ResponseWriter.WriteSuccessAsync(context, request.Kind, deleted);
    }

    public async Task DeleteCollectionAsync(HttpContext context, ApiRequest request)
    {
        var options = await BodyReader.ReadDeleteOptionsAsync(context.Request);
        var (items, _) = reads.Matching(request.Kind, request.Namespace, ReadHandler.Query(context, request.Kind));
        var deleted = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var item in items)
            deleted.Add(await DeleteOneAsync(request.Kind, item, GracePeriod(context, options), WriteHandler.IsDryRun(context)));
        await ResponseWriter.WriteJsonAsync(context, 200, ResponseWriter.ListJson(request.Kind, deleted, services.Store.Version));
    }

    private async Task<IKubernetesObject<V1ObjectMeta>> DeleteOneAsync(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, long? grace, bool dryRun)
    {
        var meta = obj.Metadata;
        if (kind == ResourceCatalog.Pods)
            return await services.Terminator.DeleteAsync(meta.NamespaceProperty, meta.Name, grace, dryRun) ?? obj;
        if (dryRun) return obj;
        if (kind == ResourceCatalog.Namespaces)
        {
            if (ProtectedNamespaces.Contains(meta.Name))
                throw new StatusException(403, "Forbidden", $"namespaces \"{meta.Name}\" is forbidden: this namespace may not be deleted",
                    new V1StatusDetails { Name = meta.Name, Kind = "namespaces" });
            await DeleteContentsAsync(meta.Name);
        }
        return services.Store.Remove(kind, meta.NamespaceProperty, meta.Name) ?? obj;
    }

    private async Task DeleteContentsAsync(string ns)
    {
        foreach (var pod in services.Store.List(ResourceCatalog.Pods, ns).Items)
            await services.Terminator.DeleteAsync(ns, pod.Metadata.Name, gracePeriodSeconds: null);
        foreach (var kind in new[] { ResourceCatalog.Secrets, ResourceCatalog.ConfigMaps, ResourceCatalog.Events })
            foreach (var obj in services.Store.List(kind, ns).Items)
                services.Store.Remove(kind, ns, obj.Metadata.Name);
    }

    private static long? GracePeriod(HttpContext context, V1DeleteOptions? options)
    {
        if (options?.GracePeriodSeconds is { } fromBody) return fromBody;
        if (context.Request.Query["gracePeriodSeconds"].FirstOrDefault() is { Length: > 0 } text)
            return long.TryParse(text, out var seconds) ? seconds : throw StatusException.BadRequest($"invalid gracePeriodSeconds \"{text}\"");
        return null;
    }

    private static void CheckPreconditions(ApiRequest request, V1DeleteOptions? options, IKubernetesObject<V1ObjectMeta> current)
    {
        var preconditions = options?.Preconditions;
        if (preconditions?.Uid is { Length: > 0 } uid && uid != current.Metadata.Uid)
            throw StatusException.Conflict(request.Kind.Plural, request.Name!, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Metadata.Uid}");
        if (preconditions?.ResourceVersion is { Length: > 0 } rv && rv != current.Metadata.ResourceVersion)
            throw StatusException.Conflict(request.Kind.Plural, request.Name!, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.Metadata.ResourceVersion}");
    }
}
