using k8s.Models;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Store;

namespace Scheduler.LocalKube.Lifecycle;

/// <summary>Writes core/v1 Events the way the scheduler and kubelet do.</summary>
internal sealed class EventRecorder(ObjectStore store)
{
    public void Record(V1ObjectReference involved, string reason, string message, string type = "Normal", string component = "kubelet")
    {
        var now = DateTime.UtcNow;
        var ns = string.IsNullOrEmpty(involved.NamespaceProperty) ? "default" : involved.NamespaceProperty;
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = $"{involved.Name}.{now.Ticks:x}{Random.Shared.Next(0x1000):x3}",
                NamespaceProperty = ns,
            },
            InvolvedObject = involved,
            Reason = reason,
            Message = message,
            Type = type,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = component },
            ReportingComponent = component,
            ReportingInstance = component,
        };
        store.Create(ResourceCatalog.Events, ev);
    }

    public static V1ObjectReference Reference(V1Pod pod) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Name = pod.Metadata.Name,
        NamespaceProperty = pod.Metadata.NamespaceProperty,
        Uid = pod.Metadata.Uid,
        ResourceVersion = pod.Metadata.ResourceVersion,
    };
}
