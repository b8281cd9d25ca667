using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scheduler.Agent.Api;

/// <summary>
/// <c>/healthz</c>: the health checks tagged <c>live</c> pass. <c>/readyz</c>: the replica says it is ready
/// (<see cref="IAgentReadiness"/>: not draining, its member Up) and the checks tagged <c>ready</c> pass (cluster
/// joined, database answering). A 503 names each failing check. Without a <see cref="HealthCheckService"/> or an
/// <see cref="IAgentReadiness"/> registered, that part counts as passing.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (HttpContext http, CancellationToken ct) =>
        {
            var failures = await FailingChecksAsync(http, Hosting.HealthChecks.Live, ct);
            return failures.Length == 0
                ? ApiResults.Json(new { status = "ok" })
                : ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "not healthy", failures);
        });
        app.MapGet("/readyz", async (HttpContext http, CancellationToken ct) =>
        {
            var readiness = http.RequestServices.GetService<IAgentReadiness>();
            ApiErrorDetail[] failures = readiness is null || readiness.IsReady
                ? await FailingChecksAsync(http, Hosting.HealthChecks.Ready, ct)
                : [new ApiErrorDetail("readiness", readiness.Reason ?? "the agent is starting")];
            return failures.Length == 0
                ? ApiResults.Json(new { status = "ready" })
                : ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "not ready", failures);
        });
    }

    private static async Task<ApiErrorDetail[]> FailingChecksAsync(HttpContext http, string tag, CancellationToken ct)
    {
        if (http.RequestServices.GetService<HealthCheckService>() is not { } checks)
            return [];
        var report = await checks.CheckHealthAsync(check => check.Tags.Contains(tag), ct);
        return report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => new ApiErrorDetail(e.Key, e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString()))
            .ToArray();
    }
}
