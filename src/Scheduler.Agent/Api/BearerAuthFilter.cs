using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Api;

/// <summary>
/// Lets a request through only with <c>Authorization: Bearer &lt;token&gt;</c> of the operator or of a resource
/// class (401 otherwise), and records the <see cref="ApiCaller"/> for the endpoint and the filters after it.
/// </summary>
internal sealed class BearerAuthFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = BearerToken.Parse(http.Request.Headers.Authorization);
        var caller = token is null ? null : ApiTokens.From(http.RequestServices.GetRequiredService<AgentOptions>()).Identify(token);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return token is null
                ? ApiResults.Error(StatusCodes.Status401Unauthorized, "missing or malformed Authorization header",
                    new ApiErrorDetail("Authorization", "expected \"Bearer <resource class or operator token>\""))
                : ApiResults.Error(StatusCodes.Status401Unauthorized, "unknown token",
                    new ApiErrorDetail("Authorization", "the token is neither a resource class's nor the operator's"));
        }

        http.Items[typeof(ApiCaller)] = caller;
        return await next(context);
    }
}
