using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Api;

namespace Scheduler.LocalKube.Hosting;

/// <summary>
/// The request log middleware. With <see cref="LocalKubeOptions.LogAllRequests"/> every request is one line
/// (method, path with query, status, milliseconds); without it only rejected requests (status 400 and up) are,
/// so a rejection never goes unseen. Lines of rejections end with the Status reason and message.
/// </summary>
internal sealed class RequestLog(TextWriter writer, bool allRequests)
{
    private static readonly object StatusKey = new();

    /// <summary>Notes the Status an error response carries, for its log line.</summary>
    public static void Remember(HttpContext context, StatusException status) => context.Items[StatusKey] = status;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            Write(context, started, 500, $"{e.GetType().Name}: {e.Message}");
            throw;
        }
        // Written before the pipeline returns, so before the response ends: a client that has its response can
        // rely on the line being there.
        var status = context.Items[StatusKey] as StatusException;
        Write(context, started, context.Response.StatusCode, status is null ? null : $"{status.Reason}: {status.Message}");
    }

    private void Write(HttpContext context, long started, int code, string? why)
    {
        if (!allRequests && code < 400) return;
        var request = context.Request;
        var line = $"{request.Method} {request.PathBase}{request.Path}{request.QueryString} {code}";
        if (allRequests) line += $" {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0}ms";
        if (code >= 400 && why is not null) line += $" {why}";
        writer.WriteLine(line);
    }
}
