using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Agent.Classes;

namespace Scheduler.Agent.Api;

/// <summary><c>GET /api/v1/resource-classes</c>: each class's queue, slots, limit, and whether the constraint checker lets it claim.</summary>
internal static class ResourceClassEndpoints
{
    public static async Task<IResult> ListAsync([FromServices] ResourceClassViews views, CancellationToken ct) =>
        ApiResults.Json(await views.GetAsync(ct));
}
