using Microsoft.AspNetCore.Http;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Api;

/// <summary><c>GET /api/v1/tasks/{id}</c> and <c>GET /api/v1/tasks?state=&amp;resourceClass=&amp;limit=</c>.</summary>
internal static class TaskQueryEndpoints
{
    public const int MaxLimit = 1000;

    public static async Task<IResult> GetAsync(string id, IJobService jobs, CancellationToken ct) =>
        await jobs.GetAsync(id, ct) is { } job ? ApiResults.Json(job) : ApiResults.JobNotFound(id);

    public static async Task<IResult> ListAsync(HttpRequest request, IJobService jobs, CancellationToken ct)
    {
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

        var query = new JobQuery(NullIfEmpty(state), NullIfEmpty(resourceClass), limit);
        return ApiResults.Json(await jobs.ListAsync(query, ct));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
