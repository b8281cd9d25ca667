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
/// Headers are sent at once, and every chunk is flushed.
/// </summary>
internal static class TaskLogEndpoints
{
    private const int ReadBatchBytes = 64 * 1024;

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

        await foreach (var chunk in Chunks(request, logs, ct))
        {
            await response.Body.WriteAsync(chunk.Data, ct);
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

        var sequencer = new LogEventSequencer(request.Offset);
        var end = request.Offset;
        if (request.Follow)
        {
            end = await FollowEventsAsync(request, logs, sequencer, response, ct);
        }
        else
        {
            await foreach (var chunk in StoredChunks(request, logs, ct))
            {
                await WriteAsync(response, sequencer.Next(chunk, await logs.StepsAsync(id, ct)), ct);
                end = chunk.EndOffset;
            }
        }

        if (request.Follow || await logs.IsCompleteAsync(id, ct))
            await WriteAsync(response, sequencer.Finish(await logs.StepsAsync(id, ct), end), ct);
        return Results.Empty;
    }

    /// <summary>
    /// Follows bytes and step marks alike (a step that prints nothing still shows up when it starts) until the log is
    /// complete; returns the end offset reached.
    /// </summary>
    private static async Task<long> FollowEventsAsync(LogRequest request, IJobLogStore logs, LogEventSequencer sequencer, HttpResponse response, CancellationToken ct)
    {
        var offset = request.Offset;
        while (true)
        {
            var changed = logs.ChangedAsync(request.JobId, ct);
            var complete = await logs.IsCompleteAsync(request.JobId, ct);
            var chunks = await logs.ReadAsync(request.JobId, offset, ReadBatchBytes, ct);
            var steps = await logs.StepsAsync(request.JobId, ct);
            foreach (var chunk in chunks)
            {
                await WriteAsync(response, sequencer.Next(chunk, steps), ct);
                offset = chunk.EndOffset;
            }

            if (chunks.Count > 0)
                continue;
            await WriteAsync(response, sequencer.Next(new LogChunk(offset, LogStream.Stdout, ReadOnlyMemory<byte>.Empty), steps), ct);
            if (complete)
                return offset;
            await changed;
        }
    }

    private static async Task StartAsync(HttpContext http, CancellationToken ct)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.StartAsync(ct);
        await http.Response.Body.FlushAsync(ct);
    }

    private static IAsyncEnumerable<LogChunk> Chunks(LogRequest request, IJobLogStore logs, CancellationToken ct) =>
        request.Follow ? logs.FollowAsync(request.JobId, request.Offset, ct) : StoredChunks(request, logs, ct);

    private static async IAsyncEnumerable<LogChunk> StoredChunks(LogRequest request, IJobLogStore logs,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var offset = request.Offset;
        while (true)
        {
            var chunks = await logs.ReadAsync(request.JobId, offset, ReadBatchBytes, ct);
            if (chunks.Count == 0)
                yield break;
            foreach (var chunk in chunks)
            {
                yield return chunk;
                offset = chunk.EndOffset;
            }
        }
    }

    private static async Task WriteAsync(HttpResponse response, IEnumerable<LogEvent> events, CancellationToken ct)
    {
        foreach (var logEvent in events)
        {
            await JsonSerializer.SerializeAsync(response.Body, logEvent, ApiJson.Options, ct);
            await response.Body.WriteAsync("\n"u8.ToArray(), ct);
        }
        await response.Body.FlushAsync(ct);
    }
}
