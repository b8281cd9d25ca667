using Microsoft.AspNetCore.Http;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;

namespace Scheduler.Agent.Api;

/// <summary>
/// <c>GET /api/v1/tasks/{id}</c> and <c>GET /api/v1/tasks?state=&amp;resourceClass=&amp;limit=</c>. A class token lists
/// only its class's tasks; asking it for another class's is a 403.
/// </summary>
internal static class TaskQueryEndpoints
{
    public const int MaxLimit = 1000;

    public static async Task<IResult> GetAsync(string id, IJobService jobs, IJobLogStore logs, CancellationToken ct) =>
        await jobs.GetAsync(id, ct) is { } job
            ? ApiResults.Json(job with { LogTruncated = await logs.IsTruncatedAsync(id, ct) })
            : ApiResults.JobNotFound(id);

    public static async Task<IResult> ListAsync(HttpContext http, IJobService jobs, CancellationToken ct)
    {
        var request = http.Request;
        var state = request.Query["state"].ToString();
        var resourceClass = request.Query["resourceClass"].ToString();
        var limitText = request.Query["limit"].ToString();

        var errors = new List<ApiErrorDetail>();
        if (state.Length > 0 && !JobStates.All.Contains(state))
            errors.Add(new ApiErrorDetail("state", $"unknown state \"{state}\" (expected one of: {string.Join(", ", JobStates.All)})"));
        var limit = 100;
        if (limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit < 1 || limit > MaxLimit))
            errors.Add(new ApiErrorDetail("limit", $"must be a whole number from 1 to {MaxLimit}"));
        if (errors.Count > 0)
            return ApiResults.Error(StatusCodes.Status400BadRequest, "invalid query", errors.ToArray());

        var caller = ApiCaller.Of(http);
        if (!caller.IsOperator && resourceClass.Length > 0 && !caller.MayUse(resourceClass))
            return ApiResults.Error(StatusCodes.Status403Forbidden, "the token does not grant access to this resource class",
                new ApiErrorDetail("resourceClass", "a class token lists only its own class's tasks"));
        var query = new JobQuery(NullIfEmpty(state), caller.ResourceClass ?? NullIfEmpty(resourceClass), limit);
        return ApiResults.Json(await jobs.ListAsync(query, ct));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
