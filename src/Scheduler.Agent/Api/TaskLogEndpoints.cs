using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;

namespace Scheduler.Agent.Api;

/// <summary>
/// <c>GET /api/v1/tasks/{id}/logs?offset=N&amp;follow=true</c>: the log's bytes from offset N as <c>text/plain</c>.
/// The <c>X-Log-Offset</c> header gives the offset of the first byte, so a client resumes at that offset plus the
/// bytes it received. Without follow the body is what is stored now (<c>X-Log-Complete</c> says whether more can
/// come); with follow the body streams as the log grows and ends when the job's log is complete.
/// <c>GET …/logs/events</c> is the same stream as NDJSON <see cref="LogEvent"/>s with the step boundaries.
/// Both are written from one <see cref="JobLogFollower"/>. Headers are sent at once, and every event is flushed.
/// </summary>
internal static class TaskLogEndpoints
{
    public static async Task<IResult> TextAsync(string id, HttpContext http, IJobService jobs, IJobLogStore logs, CancellationToken ct)
    {
        var (request, error) = await LogRequest.ReadAsync(id, http.Request, jobs, logs, ct);
        if (request is null)
            return error!;

        var response = http.Response;
        response.ContentType = "text/plain";
        response.Headers[TaskRoutes.LogOffsetHeader] = request.Offset.ToString();
        if (!request.Follow)
            response.Headers[TaskRoutes.LogCompleteHeader] = (await logs.IsCompleteAsync(id, ct)) ? "true" : "false";
        await StartAsync(http, ct);

        await foreach (var logEvent in new JobLogFollower(logs, jobs).ReadAsync(id, request.Offset, request.Follow, ct))
        {
            if (logEvent.Data is not { Length: > 0 } data)
                continue;
            await response.Body.WriteAsync(data, ct);
            await response.Body.FlushAsync(ct);
        }
        return Results.Empty;
    }

    public static async Task<IResult> EventsAsync(string id, HttpContext http, IJobService jobs, IJobLogStore logs, CancellationToken ct)
    {
        var (request, error) = await LogRequest.ReadAsync(id, http.Request, jobs, logs, ct);
        if (request is null)
            return error!;

        var response = http.Response;
        response.ContentType = "application/x-ndjson";
        await StartAsync(http, ct);

        await foreach (var logEvent in new JobLogFollower(logs, jobs).ReadAsync(id, request.Offset, request.Follow, ct))
        {
            await JsonSerializer.SerializeAsync(response.Body, logEvent, ApiJson.Options, ct);
            await response.Body.WriteAsync("\n"u8.ToArray(), ct);
            await response.Body.FlushAsync(ct);
        }
        return Results.Empty;
    }

    private static async Task StartAsync(HttpContext http, CancellationToken ct)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.StartAsync(ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
