using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Actors;
using Scheduler.Agent.GarbageCollection;

namespace Scheduler.Agent.Api;

/// <summary><c>GET /api/v1/gc</c> (the collector's status) and <c>POST /api/v1/gc/run</c> (a pass now; 409 when it is disabled).</summary>
internal static class GarbageCollectorEndpoints
{
    private static readonly GarbageCollectorStatus Disabled = new(false, null, 0, null, null, [], []);

    public static async Task<IResult> StatusAsync(HttpContext context, CancellationToken ct) =>
        Collector(context) is { } collector ? ApiResults.Json(await collector.StatusAsync(ct)) : ApiResults.Json(Disabled);

    public static async Task<IResult> RunAsync(HttpContext context, CancellationToken ct) =>
        Collector(context) is { } collector
            ? ApiResults.Json(await collector.RunAsync(ct))
            : ApiResults.Error(StatusCodes.Status409Conflict, "garbage collector disabled",
                new ApiErrorDetail("agent.kubeGCEnabled", "is false in the agent's config"));

    private static IGarbageCollector? Collector(HttpContext context) => context.RequestServices.GetService<IGarbageCollector>();
}
