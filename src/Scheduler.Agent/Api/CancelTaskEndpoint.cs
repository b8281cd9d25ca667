using Microsoft.AspNetCore.Http;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Api;

/// <summary><c>POST /api/v1/tasks/{id}/cancel</c>: 202 with the job, 404 when unknown, 409 when it has already finished.</summary>
internal static class CancelTaskEndpoint
{
    public static async Task<IResult> HandleAsync(string id, IJobService jobs, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, ct);
        if (job is null)
            return ApiResults.JobNotFound(id);
        if (job.IsTerminal)
            return AlreadyFinished(job);

        var cancelled = await jobs.CancelAsync(id, ct);
        return cancelled is null ? ApiResults.JobNotFound(id) : ApiResults.Json(cancelled, StatusCodes.Status202Accepted);
    }

    private static IResult AlreadyFinished(JobView job) =>
        ApiResults.Error(StatusCodes.Status409Conflict, "job already finished",
            new ApiErrorDetail("state", $"the job is {job.State}"));
}
