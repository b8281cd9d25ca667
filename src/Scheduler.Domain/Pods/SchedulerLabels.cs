namespace Scheduler.Domain.Pods;

/// <summary>The label and annotation keys the agent puts on every pod and secret it creates.</summary>
public static class SchedulerLabels
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "scheduler";
    public const string JobId = "scheduler.dev/job-id";
    public const string ResourceClass = "scheduler.dev/resource-class";
    public const string Attempt = "scheduler.dev/attempt";

    /// <summary>The replica that created the pod: the one whose <c>agent.maxConcurrentTasks</c> it counts against.</summary>
    public const string Replica = "scheduler.dev/replica";

    /// <summary>Annotation with the resource class name verbatim (the label value may be sanitised).</summary>
    public const string ResourceClassAnnotation = "scheduler.dev/resource-class";

    /// <summary>Label selector of everything the agent manages: <c>app.kubernetes.io/managed-by=scheduler</c>.</summary>
    public const string ManagedSelector = ManagedBy + "=" + ManagedByValue;

    /// <summary>Label selector of the managed pods of one resource class.</summary>
    public static string ClassSelector(string resourceClass) =>
        $"{ManagedSelector},{ResourceClass}={LabelValue.Sanitize(resourceClass)}";
}
