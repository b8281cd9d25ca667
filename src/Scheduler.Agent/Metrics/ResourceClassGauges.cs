using Prometheus;
using Scheduler.Agent.Classes;

namespace Scheduler.Agent.Metrics;

/// <summary>
/// Per resource class: queued tasks, running tasks, the limit and the constraint checker's state, read from the class entities at each scrape (the
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
        var enabled = factory.CreateGauge("scheduler_class_enabled", "1 while the class claims, 0 while the constraint checker has disabled it.", "class");
        var failures = factory.CreateGauge("scheduler_class_constraint_failures", "The constraint checker's consecutive failed checks of the class.", "class");
        registry.AddBeforeCollectCallback(async ct =>
        {
            foreach (var view in (await views.GetAsync(ct)).Classes)
            {
                queued.WithLabels(view.Name).Set(view.Queued);
                running.WithLabels(view.Name).Set(view.Running);
                enabled.WithLabels(view.Name).Set(view.Enabled ? 1 : 0);
                failures.WithLabels(view.Name).Set(view.ConsecutiveFailures);
                if (view.Limit is { } max)
                    limit.WithLabels(view.Name).Set(max);
            }
        });
    }
}
