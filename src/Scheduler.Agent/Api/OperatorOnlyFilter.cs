using Microsoft.AspNetCore.Http;

namespace Scheduler.Agent.Api;

/// <summary>403 unless the caller holds the operator token (after <see cref="BearerAuthFilter"/>).</summary>
internal sealed class OperatorOnlyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        ApiCaller.Of(context.HttpContext).IsOperator
            ? await next(context)
            : ApiResults.Error(StatusCodes.Status403Forbidden, "this endpoint needs the operator token",
                new ApiErrorDetail("Authorization", "a resource class's token is not enough"));
}
