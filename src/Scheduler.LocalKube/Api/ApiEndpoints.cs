using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Hosting;

namespace Scheduler.LocalKube.Api;

/// <summary>Maps every route LocalKube serves.</summary>
internal static class ApiEndpoints
{
    public static void Map(WebApplication app, ClusterServices services)
    {
        var resources = new ResourceEndpoints(services);
        app.MapGet("/version", (HttpContext c) => ResponseWriter.WriteJsonAsync(c, 200, Discovery.Version()));
        app.MapGet("/api", (HttpContext c) => ResponseWriter.WriteJsonAsync(c, 200, Discovery.ApiVersions(c.Request.Host.Value ?? "127.0.0.1")));
        app.MapGet("/apis", (HttpContext c) => ResponseWriter.WriteJsonAsync(c, 200, Discovery.ApiGroups()));
        app.Map("/api/v1/{**path}", resources.HandleAsync);
        app.MapGet("/openapi/v3", (HttpContext c) => ResponseWriter.WriteJsonAsync(c, 200, OpenApi.Root()));
        app.MapGet("/openapi/v3/api/v1", (HttpContext c) => ResponseWriter.WriteJsonAsync(c, 200, OpenApi.CoreV1()));
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/readyz", () => "ok");
        app.MapGet("/livez", () => "ok");
        FaultEndpoints.Map(app, services.Faults);
        app.MapFallback((HttpContext c) => ResponseWriter.WriteStatusAsync(c, StatusException.UnknownResource()));
    }
}
