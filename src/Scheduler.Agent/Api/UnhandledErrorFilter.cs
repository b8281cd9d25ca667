using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scheduler.Agent.Api;

/// <summary>Turns a handler's exception into a JSON 500 (or an aborted response once streaming began) and logs it.</summary>
internal sealed class UnhandledErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e)
        {
            http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger<UnhandledErrorFilter>()
                .LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            if (!http.Response.HasStarted)
                return ApiResults.Error(StatusCodes.Status500InternalServerError, "internal error");
            http.Abort();
            return Results.Empty;
        }
    }
}
