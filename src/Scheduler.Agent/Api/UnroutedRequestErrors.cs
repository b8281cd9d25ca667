using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Scheduler.Agent.Api;

/// <summary>
/// Gives the errors that routing answers without an endpoint of ours (404 no such route, 405 wrong method) the API's
/// JSON error body, naming the path or the method, like every other error of the API.
/// </summary>
public static class UnroutedRequestErrors
{
    public static IApplicationBuilder UseSchedulerApiErrors(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var request = http.Request;
            var error = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => new ApiError("no such endpoint",
                    [new ApiErrorDetail("path", $"{request.Path} is not a route of this API")]),
                StatusCodes.Status405MethodNotAllowed => new ApiError("method not allowed",
                    [new ApiErrorDetail("method", $"{request.Method} is not allowed on {request.Path}{Allowed(http.Response)}")]),
                var status => new ApiError(ReasonPhrases.GetReasonPhrase(status)),
            };
            await ApiResults.Error(http.Response.StatusCode, error).ExecuteAsync(http);
        });

    private static string Allowed(HttpResponse response) =>
        response.Headers.Allow.Count > 0 ? $"; allowed: {response.Headers.Allow}" : "";
}
