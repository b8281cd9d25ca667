using k8s;

namespace Scheduler.Domain.Pods;

/// <summary>Helpers for KubernetesClient model objects.</summary>
internal static class KubeObjects
{
    /// <summary>A deep copy through the Kubernetes JSON serializer, so the original is never shared or mutated.</summary>
    public static T DeepCopy<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
