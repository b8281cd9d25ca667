using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Jobs;

namespace Scheduler.Agent.Api;

/// <summary>
/// For the <c>/api/v1/tasks/{id}…</c> routes: a resource class's token reaches only its class's tasks. An unknown id
/// and another class's task get the same 403, so a class token cannot probe which tasks exist. The operator passes,
/// and the endpoint answers 404 for an unknown id. An id no job can have (<see cref="JobId"/>) is 404 or 403 at once.
/// </summary>
internal sealed class TaskAccessFilter : IEndpointFilter
{
    private static readonly IResult Forbidden = ApiResults.Error(StatusCodes.Status403Forbidden, "the token does not grant access to this task",
        new ApiErrorDetail("Authorization", "a resource class's token reaches only the tasks of its class"));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = ApiCaller.Of(http);
        var id = http.Request.RouteValues["id"] as string ?? "";
        // No job has such an id: answered without asking storage (a NUL byte, say, is not even valid in PostgreSQL text).
        if (!JobId.IsValid(id))
            return caller.IsOperator ? ApiResults.JobNotFound(id) : Forbidden;
        if (caller.IsOperator)
            return await next(context);

        var job = await http.RequestServices.GetRequiredService<IJobService>().GetAsync(id, http.RequestAborted);
        return job is not null && caller.MayUse(job.ResourceClass)
            ? await next(context)
            : Forbidden;
    }
}
