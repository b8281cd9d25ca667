using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Scheduler.Agent.Api;

/// <summary>
/// Maps the agent's HTTP API. The endpoints resolve <see cref="Jobs.IJobService"/>, <see cref="Logs.IJobLogStore"/>,
/// <c>AgentOptions</c>, <c>ApiOptions</c>, <see cref="Classes.ResourceClassViews"/>, the Prometheus <c>CollectorRegistry</c> and optionally <see cref="IAgentReadiness"/> and
/// <see cref="GarbageCollection.IGarbageCollector"/> from DI.
/// Every route but the health ones and <c>/metrics</c> needs a bearer token (<see cref="BearerAuthFilter"/>); a class token reaches only
/// its class's tasks (<see cref="TaskAccessFilter"/>), the garbage collector and the class list need the operator's.
/// </summary>
public static class SchedulerApiEndpoints
{
    public static IEndpointRouteBuilder MapSchedulerApi(this IEndpointRouteBuilder app)
    {
        HealthEndpoints.Map(app);
        app.MapGet(MetricsEndpoint.Path, MetricsEndpoint.HandleAsync);

        var tasks = app.MapGroup(TaskRoutes.Tasks).AddEndpointFilter<UnhandledErrorFilter>().AddEndpointFilter<BearerAuthFilter>();
        tasks.MapPost("", SubmitTaskEndpoint.HandleAsync);
        tasks.MapGet("", TaskQueryEndpoints.ListAsync);
        var task = tasks.MapGroup("/{id}").AddEndpointFilter<TaskAccessFilter>();
        task.MapGet("", TaskQueryEndpoints.GetAsync);
        task.MapGet("/logs", TaskLogEndpoints.TextAsync);
        task.MapGet("/logs/events", TaskLogEndpoints.EventsAsync);
        task.MapPost("/cancel", CancelTaskEndpoint.HandleAsync);

        var gc = app.MapGroup(TaskRoutes.GarbageCollector).AddEndpointFilter<UnhandledErrorFilter>()
            .AddEndpointFilter<BearerAuthFilter>().AddEndpointFilter<OperatorOnlyFilter>();
        gc.MapGet("", GarbageCollectorEndpoints.StatusAsync);
        gc.MapPost("/run", GarbageCollectorEndpoints.RunAsync);
        app.MapGet(ResourceClassRoutes.ResourceClasses, ResourceClassEndpoints.ListAsync).AddEndpointFilter<UnhandledErrorFilter>()
            .AddEndpointFilter<BearerAuthFilter>().AddEndpointFilter<OperatorOnlyFilter>();
        return app;
    }
}
