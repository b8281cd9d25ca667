using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Scheduler.Agent.Api;

/// <summary>
/// Maps the agent's HTTP API. The endpoints resolve <see cref="Jobs.IJobService"/>, <see cref="Logs.IJobLogStore"/>,
/// <c>AgentOptions</c>, <c>ApiOptions</c>, <see cref="Classes.ResourceClassViews"/> and optionally <see cref="IAgentReadiness"/> and
/// <see cref="GarbageCollection.IGarbageCollector"/> from DI.
/// </summary>
public static class SchedulerApiEndpoints
{
    public static IEndpointRouteBuilder MapSchedulerApi(this IEndpointRouteBuilder app)
    {
        HealthEndpoints.Map(app);

        var tasks = app.MapGroup(TaskRoutes.Tasks).AddEndpointFilter<UnhandledErrorFilter>();
        tasks.MapPost("", SubmitTaskEndpoint.HandleAsync);
        tasks.MapGet("", TaskQueryEndpoints.ListAsync);
        tasks.MapGet("/{id}", TaskQueryEndpoints.GetAsync);
        tasks.MapGet("/{id}/logs", TaskLogEndpoints.TextAsync);
        tasks.MapGet("/{id}/logs/events", TaskLogEndpoints.EventsAsync);
        tasks.MapPost("/{id}/cancel", CancelTaskEndpoint.HandleAsync);

        var gc = app.MapGroup(TaskRoutes.GarbageCollector).AddEndpointFilter<UnhandledErrorFilter>();
        gc.MapGet("", GarbageCollectorEndpoints.StatusAsync);
        gc.MapPost("/run", GarbageCollectorEndpoints.RunAsync);
        app.MapGet(ResourceClassRoutes.ResourceClasses, ResourceClassEndpoints.ListAsync).AddEndpointFilter<UnhandledErrorFilter>();
        return app;
    }
}
