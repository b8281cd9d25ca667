using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Hosting;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Validation;

namespace Scheduler.LocalKube.Api;

/// <summary>create, update (PUT) and patch, including the status subresource.</summary>
internal sealed class WriteHandler(ClusterServices services)
{
    private const int PatchConflictRetries = 5;

    public async Task CreateAsync(HttpContext context, ApiRequest request)
    {
        var obj = await BodyReader.ReadObjectAsync(context.Request, request.Kind, request.Subresource);
        ScopeToRequest(request, obj);
        ObjectDefaults.PrepareForCreate(obj);
        Validate(request.Kind, obj);
        var created = services.Store.Create(request.Kind, obj, IsDryRun(context));
        await ResponseWriter.WriteObjectAsync(context, 201, created);
    }

    public async Task UpdateAsync(HttpContext context, ApiRequest request)
    {
        var obj = await BodyReader.ReadObjectAsync(context.Request, request.Kind, request.Subresource);
        ScopeToRequest(request, obj);
        if (obj.Metadata.Name != request.Name)
            throw StatusException.BadRequest($"the name of the object ({obj.Metadata.Name}) does not match the name on the URL ({request.Name})");
        var current = services.Store.Find(request.Kind, request.Namespace, request.Name!)
                      ?? throw StatusException.NotFound(request.Kind.Plural, request.Name!);
        var updated = StatusSplice.Apply(request.Kind, current, obj, request.Subresource);
        ObjectDefaults.PrepareForUpdate(updated);
        Validate(request.Kind, updated);
        await ResponseWriter.WriteObjectAsync(context, 200, services.Store.Replace(request.Kind, updated, IsDryRun(context)));
    }

    public async Task PatchAsync(HttpContext context, ApiRequest request)
    {
        var patchText = await BodyReader.ReadTextAsync(context.Request);
        for (var attempt = 1; ; attempt++)
        {
            var current = services.Store.Find(request.Kind, request.Namespace, request.Name!)
                          ?? throw StatusException.NotFound(request.Kind.Plural, request.Name!);
            var patched = PatchApplier.Apply(JsonNode.Parse(KubernetesJson.Serialize(current))!, patchText, context.Request.ContentType);
            var obj = BodyReader.Decode(() => request.Kind.FromJson(patched.ToJsonString()));
            if (obj.Metadata.Name != request.Name || (request.Kind.Namespaced && obj.Metadata.NamespaceProperty != request.Namespace))
                throw StatusException.BadRequest("metadata.name and metadata.namespace cannot be changed by a patch");
            var updated = StatusSplice.Apply(request.Kind, current, obj, request.Subresource);
            ObjectDefaults.PrepareForUpdate(updated);
            Validate(request.Kind, updated);
            try
            {
                await ResponseWriter.WriteObjectAsync(context, 200, services.Store.Replace(request.Kind, updated, IsDryRun(context)));
                return;
            }
            catch (StatusException conflict) when (conflict.Reason == "Conflict" && attempt < PatchConflictRetries && !PatchNamesVersion(patchText))
            {
                // Someone wrote in between; re-apply the patch to the newer object, as the apiserver does.
            }
        }
    }

    public static bool IsDryRun(HttpContext context) => context.Request.Query["dryRun"].Count > 0;

    private static bool PatchNamesVersion(string patch) => patch.Contains("\"resourceVersion\"", StringComparison.Ordinal);

    private void ScopeToRequest(ApiRequest request, IKubernetesObject<V1ObjectMeta> obj)
    {
        if (!request.Kind.Namespaced)
        {
            obj.Metadata.NamespaceProperty = null;
            return;
        }
        if (string.IsNullOrEmpty(obj.Metadata.NamespaceProperty)) obj.Metadata.NamespaceProperty = request.Namespace;
        else if (obj.Metadata.NamespaceProperty != request.Namespace)
            throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        if (services.Store.Find(ResourceCatalog.Namespaces, null, request.Namespace!) is null)
            throw StatusException.NotFound("namespaces", request.Namespace!);
    }

    private static void Validate(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj)
    {
        var causes = ObjectValidator.Validate(obj);
        if (causes.Count > 0) throw StatusException.Invalid(kind.Kind, obj.Metadata.Name ?? obj.Metadata.GenerateName ?? "", causes);
    }
}
