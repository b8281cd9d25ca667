using System.Globalization;

namespace Scheduler.Domain.Pods;

/// <summary>The labels and annotations that mark a pod or secret as one job attempt's, managed by the agent.</summary>
public static class JobLabels
{
    public const string AgentAnnotation = "scheduler.dev/agent";

    public static IReadOnlyDictionary<string, string> For(JobPodRequest request) => new Dictionary<string, string>
    {
        [SchedulerLabels.ManagedBy] = SchedulerLabels.ManagedByValue,
        [SchedulerLabels.JobId] = request.JobId.Value,
        [SchedulerLabels.ResourceClass] = LabelValue.Sanitize(request.ResourceClass),
        [SchedulerLabels.Attempt] = request.Attempt.ToString(CultureInfo.InvariantCulture),
    };

    public static IReadOnlyDictionary<string, string> Annotations(JobPodRequest request)
    {
        var annotations = new Dictionary<string, string> { [SchedulerLabels.ResourceClassAnnotation] = request.ResourceClass };
        if (request.AgentName is { } agent)
            annotations[AgentAnnotation] = agent;
        return annotations;
    }
}
