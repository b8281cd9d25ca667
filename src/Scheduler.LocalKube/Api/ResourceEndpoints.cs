using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Faults;
using Scheduler.LocalKube.Hosting;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>Dispatches every /api/v1/… request: resolves it, applies injected faults, then runs the verb.</summary>
internal sealed class ResourceEndpoints
{
    private readonly ClusterServices _services;
    private readonly ReadHandler _reads;
    private readonly WriteHandler _writes;
    private readonly DeleteHandler _deletes;

    public ResourceEndpoints(ClusterServices services)
    {
        _services = services;
        _reads = new ReadHandler(services);
        _writes = new WriteHandler(services);
        _deletes = new DeleteHandler(services, _reads);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.RouteValues["path"] as string ?? "";
        try
        {
            if (path.Trim('/').Length == 0)
            {
                if (!HttpMethods.IsGet(context.Request.Method)) throw StatusException.MethodNotAllowed();
                await ResponseWriter.WriteJsonAsync(context, 200, Discovery.CoreResources());
                return;
            }
            var request = ApiRequest.Parse(context.Request.Method, path, ListQuery.IsTrue(context.Request.Query["watch"].FirstOrDefault()));
            // Taken before the fault rules are consulted: a watch that passes them just before a test adds a rule and
            // closes the watches must be closed too, or it would stay open past both.
            WatchStreamer.RememberWatchesClosed(context, _services.Faults.WatchesClosed);
            if (await InjectFaultAsync(context, request)) return;
            await DispatchAsync(context, request);
        }
        catch (StatusException error)
        {
            await ResponseWriter.WriteStatusAsync(context, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private Task DispatchAsync(HttpContext context, ApiRequest request)
    {
        if (request.Kind == ResourceCatalog.Pods && request.Subresource is "exec" or "attach" or "log")
            return PodStreamAsync(context, request);
        return request.Verb switch
        {
            "get" => _reads.GetAsync(context, request),
            "list" => _reads.ListAsync(context, request),
            "watch" => _reads.WatchAsync(context, request),
            "create" => _writes.CreateAsync(context, request),
            "update" => _writes.UpdateAsync(context, request),
            "patch" => _writes.PatchAsync(context, request),
            "delete" => _deletes.DeleteAsync(context, request),
            "deletecollection" => _deletes.DeleteCollectionAsync(context, request),
            _ => throw StatusException.MethodNotAllowed(),
        };
    }

    private Task PodStreamAsync(HttpContext context, ApiRequest request)
    {
        var pod = _services.Store.Get<k8s.Models.V1Pod>(ResourceCatalog.Pods, request.Namespace, request.Name!)
                  ?? throw StatusException.NotFound("pods", request.Name!);
        return request.Subresource switch
        {
            "exec" => _services.Kubelet.HandleExecAsync(context, pod),
            "attach" => _services.Kubelet.HandleAttachAsync(context, pod),
            _ => _services.Kubelet.HandleLogsAsync(context, pod),
        };
    }

    private async Task<bool> InjectFaultAsync(HttpContext context, ApiRequest request)
    {
        var faults = _services.Faults;
        var latency = faults.LatencyFor(request.Verb, request.Resource);
        if (latency > TimeSpan.Zero) await Task.Delay(latency, context.RequestAborted);

        var rule = faults.Decide(request.Verb, request.Resource);
        if (rule is null) return false;
        switch (rule.Kind)
        {
            case FaultKind.ConnectionReset:
                context.Abort();
                return true;
            case FaultKind.TooManyRequests:
                context.Response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString();
                await ResponseWriter.WriteStatusAsync(context, new StatusException(429, "TooManyRequests",
                    "Too many requests, please try again later.", new k8s.Models.V1StatusDetails { RetryAfterSeconds = rule.RetryAfterSeconds }));
                return true;
            case FaultKind.Conflict:
                await ResponseWriter.WriteStatusAsync(context, StatusException.Conflict(request.Resource, request.Name ?? "",
                    "the object has been modified; please apply your changes to the latest version and try again (injected fault)"));
                return true;
            default:
                await ResponseWriter.WriteStatusAsync(context, new StatusException(500, "InternalError",
                    "Internal error occurred: injected fault", new k8s.Models.V1StatusDetails
                    {
                        Causes = [new k8s.Models.V1StatusCause { Message = "injected fault" }],
                    }));
                return true;
        }
    }
}
