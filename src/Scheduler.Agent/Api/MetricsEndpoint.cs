using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Scheduler.Agent.Api;

/// <summary><c>GET /metrics</c>: the replica's <see cref="CollectorRegistry"/> in the Prometheus text format; no token needed.</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static async Task HandleAsync(HttpContext http)
    {
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await http.RequestServices.GetRequiredService<CollectorRegistry>().CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
    }
}
