using System.Net;
using Scheduler.Agent.Api;

namespace Scheduler.Cli.Client;

/// <summary>The agent answered a request with an error status; <see cref="Exception.Message"/> is its error and details.</summary>
public sealed class ApiRequestException(HttpStatusCode statusCode, ApiError error)
    : Exception(Describe(error))
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public ApiError Error { get; } = error;

    private static string Describe(ApiError error) =>
        error.Details is not { Count: > 0 } details
            ? error.Error
            : error.Error + Environment.NewLine + string.Join(Environment.NewLine,
                details.Select(d => d.Path.Length == 0 ? $"  {d.Message}" : $"  {d.Path}: {d.Message}"));
}
