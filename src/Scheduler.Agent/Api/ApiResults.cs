using Microsoft.AspNetCore.Http;

namespace Scheduler.Agent.Api;

/// <summary>Builds the API's JSON responses with <see cref="ApiJson.Options"/>.</summary>
internal static class ApiResults
{
    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, ApiJson.Options, statusCode: statusCode);

    public static IResult Error(int statusCode, string error, params ApiErrorDetail[] details) =>
        Json(new ApiError(error, details.Length == 0 ? null : details), statusCode);

    public static IResult Error(int statusCode, ApiError error) => Json(error, statusCode);

    public static IResult JobNotFound(string id) =>
        Error(StatusCodes.Status404NotFound, "job not found", new ApiErrorDetail("id", $"no job with id \"{id}\""));
}
