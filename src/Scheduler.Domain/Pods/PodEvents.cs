using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>Picks and formats a pod's Kubernetes events for failure messages.</summary>
public static class PodEvents
{
    private const int MaxQuoted = 5;

    /// <summary>
    /// The pod's most recent distinct Warning events as <c>Reason: message</c>, oldest first, joined by "; "
    /// (at most five). Events of other objects are ignored (matched by uid when both have one, else by name).
    /// </summary>
    public static string Quote(V1Pod pod, IEnumerable<Corev1Event> events)
    {
        var quoted = events
            .Where(e => e.Type == "Warning" && IsAbout(pod, e))
            .OrderBy(When)
            .Select(e => $"{e.Reason}: {e.Message?.Trim()}")
            .Reverse()
            .Distinct()
            .Take(MaxQuoted)
            .Reverse();
        return string.Join("; ", quoted);
    }

    private static bool IsAbout(V1Pod pod, Corev1Event e)
    {
        var involved = e.InvolvedObject;
        if (involved is null || (involved.Kind is not null && involved.Kind != "Pod"))
            return false;
        if (involved.Uid is not null && pod.Metadata?.Uid is not null)
            return involved.Uid == pod.Metadata.Uid;
        return involved.Name == pod.Metadata?.Name
            && (involved.NamespaceProperty is null || pod.Metadata?.NamespaceProperty is null || involved.NamespaceProperty == pod.Metadata.NamespaceProperty);
    }

    private static DateTime When(Corev1Event e) => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;
}
