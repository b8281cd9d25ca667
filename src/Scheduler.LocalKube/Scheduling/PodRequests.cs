using k8s.Models;

namespace Scheduler.LocalKube.Scheduling;

/// <summary>What a pod asks of a node: cpu in cores, memory in bytes. A container without requests counts its limits, as API defaulting does.</summary>
public sealed record PodRequests(decimal Cpu, decimal Memory)
{
    public static readonly PodRequests None = new(0, 0);

    public static PodRequests Of(V1Pod pod)
    {
        var containers = pod.Spec?.Containers ?? [];
        var cpu = containers.Sum(c => Quantity(c.Resources, "cpu"));
        var memory = containers.Sum(c => Quantity(c.Resources, "memory"));
        // Init containers run one at a time before the others, so only the largest counts.
        foreach (var init in pod.Spec?.InitContainers ?? [])
        {
            cpu = Math.Max(cpu, Quantity(init.Resources, "cpu"));
            memory = Math.Max(memory, Quantity(init.Resources, "memory"));
        }
        return new PodRequests(cpu, memory);
    }

    public PodRequests Plus(PodRequests other) => new(Cpu + other.Cpu, Memory + other.Memory);

    private static decimal Quantity(V1ResourceRequirements? resources, string name)
    {
        if (resources?.Requests is { } requests && requests.TryGetValue(name, out var request)) return request.ToDecimal();
        if (resources?.Limits is { } limits && limits.TryGetValue(name, out var limit)) return limit.ToDecimal();
        return 0;
    }
}
