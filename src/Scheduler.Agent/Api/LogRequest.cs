using Microsoft.AspNetCore.Http;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;

namespace Scheduler.Agent.Api;

/// <summary>The validated <c>?offset=&amp;follow=</c> of a logs request for a known job.</summary>
internal sealed record LogRequest(string JobId, long Offset, bool Follow)
{
    /// <summary>The request, or the error response: 404 unknown job, 400 a bad offset or follow flag.</summary>
    public static async Task<(LogRequest? Request, IResult? Error)> ReadAsync(
        string id, HttpRequest http, IJobService jobs, IJobLogStore logs, CancellationToken ct)
    {
        var offsetText = http.Query["offset"].ToString();
        var followText = http.Query["follow"].ToString();
        var errors = new List<ApiErrorDetail>();
        long offset = 0;
        if (offsetText.Length > 0 && (!long.TryParse(offsetText, out offset) || offset < 0))
            errors.Add(new ApiErrorDetail("offset", "must be a byte offset (a whole number ≥ 0)"));
        var follow = false;
        if (followText.Length > 0 && !bool.TryParse(followText, out follow))
            errors.Add(new ApiErrorDetail("follow", "must be true or false"));
        if (errors.Count > 0)
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "invalid query", errors.ToArray()));

        if (await jobs.GetAsync(id, ct) is null)
            return (null, ApiResults.JobNotFound(id));

        var length = await logs.LengthAsync(id, ct);
        if (offset > length)
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "invalid query",
                new ApiErrorDetail("offset", $"beyond the end of the log ({length} bytes)")));
        return (new LogRequest(id, offset, follow), null);
    }
}
