using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Scheduler.Agent.Api;

/// <summary><c>/healthz</c>: the process serves. <c>/readyz</c>: the replica says it is ready (<see cref="IAgentReadiness"/>).</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => ApiResults.Json(new { status = "ok" }));
        app.MapGet("/readyz", (IServiceProvider services) =>
        {
            var readiness = services.GetService(typeof(IAgentReadiness)) as IAgentReadiness;
            return readiness is null || readiness.IsReady
                ? ApiResults.Json(new { status = "ready" })
                : ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "not ready",
                    new ApiErrorDetail("readiness", readiness.Reason ?? "the agent is starting"));
        });
    }
}
