using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Api;

/// <summary>
/// <c>POST /api/v1/tasks</c>. The whole request is checked before anything reaches <see cref="IJobService"/>,
/// so a rejected request leaves no trace: 401 (no valid bearer token, <see cref="BearerAuthFilter"/>), 403 (a class token for another class),
/// 415 (content type), 413 (body size), 400 (invalid spec), 422 (unknown class, timeout above maxRunTime).
/// </summary>
internal static class SubmitTaskEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, IJobService jobs, AgentOptions agent, ApiOptions api, CancellationToken ct)
    {
        var request = http.Request;
        var admission = TaskAdmission.From(agent);
        if (!TaskSpecMediaTypes.IsAccepted(request.ContentType))
            return ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, "unsupported content type",
                new ApiErrorDetail(HeaderNames.ContentType,
                    $"got \"{request.ContentType}\"; use one of {string.Join(", ", TaskSpecMediaTypes.Accepted)} (UTF-8)"));

        var (outcome, text) = await BoundedBody.ReadTextAsync(request, api.MaxBodyBytes, ct);
        switch (outcome)
        {
            case BoundedBody.Outcome.TooLarge:
                return ApiResults.Error(StatusCodes.Status413PayloadTooLarge, "request body too large",
                    new ApiErrorDetail("body", $"the limit is {api.MaxBodyBytes} bytes"));
            case BoundedBody.Outcome.NotUtf8:
                return ApiResults.Error(StatusCodes.Status400BadRequest, "invalid task spec",
                    new ApiErrorDetail("", "the body is not valid UTF-8"));
        }

        var verdict = admission.Admit(ApiCaller.Of(http), text);
        if (verdict is AdmissionResult.Rejected rejected)
            return ApiResults.Error(rejected.StatusCode, rejected.Error);

        var job = await jobs.SubmitAsync(((AdmissionResult.Admitted)verdict).Spec, ct);
        http.Response.Headers.Location = TaskRoutes.Task(job.Id);
        return ApiResults.Json(job, StatusCodes.Status201Created);
    }
}
