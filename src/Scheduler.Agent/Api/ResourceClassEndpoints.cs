using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Classes;

namespace Scheduler.Agent.Api;

/// <summary><c>GET /api/v1/resource-classes</c>: each class's queue, slots, limit, and whether the constraint checker lets it claim.</summary>
internal static class ResourceClassEndpoints
{
    // The views are resolved in the handler, not bound as a parameter: binding runs before the endpoint's
    // filters, so an unauthenticated request would otherwise depend on the service being there.
    public static async Task<IResult> ListAsync(HttpContext http, CancellationToken ct) =>
        ApiResults.Json(await http.RequestServices.GetRequiredService<ResourceClassViews>().GetAsync(ct));
}
