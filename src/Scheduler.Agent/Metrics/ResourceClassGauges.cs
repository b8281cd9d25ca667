using Prometheus;
using Scheduler.Agent.Classes;

namespace Scheduler.Agent.Metrics;

/// <summary>
/// Per resource class: queued tasks, running tasks and the limit, read from the class entities at each scrape (the
/// numbers are cluster-wide, since each class has one entity; every replica reports the same values).
/// </summary>
public static class ResourceClassGauges
{
    public static void Register(CollectorRegistry registry, ResourceClassViews views)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var queued = factory.CreateGauge("scheduler_class_queued_tasks", "Tasks queued in the resource class.", "class");
        var running = factory.CreateGauge("scheduler_class_running_tasks", "Tasks of the resource class holding a slot.", "class");
        var limit = factory.CreateGauge("scheduler_class_limit", "The class's maxConcurrentTasks (absent when unset).", "class");
        registry.AddBeforeCollectCallback(async ct =>
        {
            foreach (var view in (await views.GetAsync(ct)).Classes)
            {
                queued.WithLabels(view.Name).Set(view.Queued);
                running.WithLabels(view.Name).Set(view.Running);
                if (view.Limit is { } max)
                    limit.WithLabels(view.Name).Set(max);
            }
        });
    }
}
