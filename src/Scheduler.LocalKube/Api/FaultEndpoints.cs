using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Faults;

namespace Scheduler.LocalKube.Api;

/// <summary>HTTP control of the fault injector under /localkube/faults (see README.md).</summary>
internal static class FaultEndpoints
{
    public static void Map(WebApplication app, FaultInjector faults)
    {
        app.MapPost("/localkube/faults", async (HttpContext c) =>
        {
            var rule = await ReadAsync<FaultRule>(c);
            faults.Add(rule);
            return Results.Json(rule);
        });
        app.MapDelete("/localkube/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        app.MapPost("/localkube/faults/close-watches", () =>
        {
            faults.CloseWatches();
            return Results.NoContent();
        });
        app.MapPost("/localkube/faults/latency", async (HttpContext c) =>
        {
            var body = await ReadAsync<LatencyRequest>(c);
            faults.AddLatency(TimeSpan.FromMilliseconds(body.Milliseconds), body.Verb ?? "*", body.Resource ?? "*");
            return Results.NoContent();
        });
        app.MapPost("/localkube/faults/hold-pending", async (HttpContext c) =>
        {
            var body = c.Request.ContentLength is > 0 ? await ReadAsync<HoldRequest>(c) : new HoldRequest(true);
            faults.HoldPending(body.Hold);
            return Results.NoContent();
        });
        app.MapPost("/localkube/faults/cut-streams", async (HttpContext c) =>
        {
            var body = await ReadAsync<CutRequest>(c);
            faults.CutStreams(body.Count, body.AfterBytes);
            return Results.NoContent();
        });
        app.MapPost("/localkube/faults/kill", async (HttpContext c) =>
        {
            var body = await ReadAsync<KillRequest>(c);
            return faults.KillContainer(body.Namespace ?? "default", body.Pod, body.Container)
                ? Results.NoContent()
                : Results.NotFound();
        });
    }

    private static async Task<T> ReadAsync<T>(HttpContext context)
    {
        var text = await BodyReader.ReadTextAsync(context.Request);
        return BodyReader.Decode(() => KubernetesJson.Deserialize<T>(text) ?? throw new FormatException("empty body"));
    }

    private sealed record LatencyRequest(int Milliseconds, string? Verb, string? Resource);

    private sealed record HoldRequest(bool Hold);

    private sealed record CutRequest(int Count, int AfterBytes);

    private sealed record KillRequest(string? Namespace, string Pod, string? Container);
}
