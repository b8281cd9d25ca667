using k8s.Models;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Pods;

/// <summary>
/// Applies a task's <see cref="TaskPodOverrides"/> to its pod: each resource value it sets replaces the template's in
/// the task container (the others stay), each node selector key it sets replaces the template's, and each of its
/// tolerations replaces the template's tolerations of the same key. Admission has already checked them against the class.
/// </summary>
public static class PodOverrides
{
    public static void Apply(V1PodSpec spec, V1Container container, TaskPodOverrides overrides)
    {
        if (!overrides.Resources.IsEmpty)
        {
            container.Resources ??= new V1ResourceRequirements();
            container.Resources.Requests = Merge(container.Resources.Requests, overrides.Resources.Requests);
            container.Resources.Limits = Merge(container.Resources.Limits, overrides.Resources.Limits);
        }
        if (overrides.NodeSelector.Count > 0)
        {
            spec.NodeSelector = new Dictionary<string, string>(spec.NodeSelector ?? new Dictionary<string, string>());
            foreach (var (key, value) in overrides.NodeSelector)
                spec.NodeSelector[key] = value;
        }
        if (overrides.Tolerations.Count > 0)
        {
            var keys = overrides.Tolerations.Select(t => t.Key).ToHashSet();
            spec.Tolerations = (spec.Tolerations ?? []).Where(t => !keys.Contains(t.Key)).Concat(overrides.Tolerations.Select(t => new V1Toleration
            {
                Key = t.Key,
                OperatorProperty = t.Operator,
                Value = t.Value,
                Effect = t.Effect,
                TolerationSeconds = t.TolerationSeconds,
            })).ToList();
        }
    }

    /// <summary>Mounts the class's cache at <see cref="CacheVolume.MountPath"/> in the task container.</summary>
    public static void AddCache(V1PodSpec spec, V1Container container, CacheVolume? cache)
    {
        if (cache is null)
            return;
        spec.Volumes ??= [];
        spec.Volumes.Add(new V1Volume
        {
            Name = CacheVolume.VolumeName,
            EmptyDir = cache.ClaimName is null ? new V1EmptyDirVolumeSource() : null,
            PersistentVolumeClaim = cache.ClaimName is { } claim ? new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } : null,
        });
        container.VolumeMounts ??= [];
        container.VolumeMounts.Add(new V1VolumeMount { Name = CacheVolume.VolumeName, MountPath = CacheVolume.MountPath });
    }

    private static IDictionary<string, ResourceQuantity>? Merge(IDictionary<string, ResourceQuantity>? template, ResourceAmounts task)
    {
        if (task.IsEmpty)
            return template;
        var merged = new Dictionary<string, ResourceQuantity>(template ?? new Dictionary<string, ResourceQuantity>());
        if (task.Cpu is { } cpu)
            merged["cpu"] = new ResourceQuantity(cpu.Text);
        if (task.Memory is { } memory)
            merged["memory"] = new ResourceQuantity(memory.Text);
        return merged;
    }
}
