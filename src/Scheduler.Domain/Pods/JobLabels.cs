using System.Globalization;

namespace Scheduler.Domain.Pods;

/// <summary>The labels and annotations that mark a pod or secret as one job attempt's, managed by the agent.</summary>
public static class JobLabels
{
    public const string AgentAnnotation = "scheduler.dev/agent";

    /// <summary>The epoch of the job's current owner (see <c>JobState.OwnerEpoch</c>); an owner that sees a newer one stops acting.</summary>
    public const string OwnerEpochAnnotation = "scheduler.dev/owner-epoch";

    /// <summary>The owner epoch a pod carries, or 0 when it carries none.</summary>
    public static int OwnerEpochOf(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(OwnerEpochAnnotation, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : 0;

    public static IReadOnlyDictionary<string, string> For(JobPodRequest request)
    {
        var labels = new Dictionary<string, string>
        {
            [SchedulerLabels.ManagedBy] = SchedulerLabels.ManagedByValue,
            [SchedulerLabels.JobId] = request.JobId.Value,
            [SchedulerLabels.ResourceClass] = LabelValue.Sanitize(request.ResourceClass),
            [SchedulerLabels.Attempt] = request.Attempt.ToString(CultureInfo.InvariantCulture),
        };
        if (request.Replica is { } replica)
            labels[SchedulerLabels.Replica] = LabelValue.Sanitize(replica);
        return labels;
    }

    public static IReadOnlyDictionary<string, string> Annotations(JobPodRequest request)
    {
        var annotations = new Dictionary<string, string>
        {
            [SchedulerLabels.ResourceClassAnnotation] = request.ResourceClass,
            [OwnerEpochAnnotation] = request.OwnerEpoch.ToString(CultureInfo.InvariantCulture),
        };
        if (request.AgentName is { } agent)
            annotations[AgentAnnotation] = agent;
        return annotations;
    }
}
