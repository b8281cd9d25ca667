using k8s.Models;

namespace Scheduler.Domain.Constraints;

/// <summary>
/// What a pod asks of a node: cpu in cores and memory in bytes. A container without requests counts its limits, as API
/// defaulting does; init containers run one at a time before the others, so only the largest of them counts.
/// </summary>
public sealed record PodResourceRequests(decimal Cpu, decimal Memory)
{
    public static PodResourceRequests Of(V1PodSpec? spec)
    {
        var containers = spec?.Containers ?? [];
        var cpu = containers.Sum(c => Quantity(c.Resources, "cpu"));
        var memory = containers.Sum(c => Quantity(c.Resources, "memory"));
        foreach (var init in spec?.InitContainers ?? [])
        {
            cpu = Math.Max(cpu, Quantity(init.Resources, "cpu"));
            memory = Math.Max(memory, Quantity(init.Resources, "memory"));
        }
        return new PodResourceRequests(cpu, memory);
    }

    private static decimal Quantity(V1ResourceRequirements? resources, string name)
    {
        if (resources?.Requests is { } requests && requests.TryGetValue(name, out var request))
            return request.ToDecimal();
        if (resources?.Limits is { } limits && limits.TryGetValue(name, out var limit))
            return limit.ToDecimal();
        return 0;
    }

    public static string FormatCpu(decimal cores) =>
        decimal.Truncate(cores) == cores ? cores.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : $"{decimal.Round(cores * 1000):0}m";

    public static string FormatMemory(decimal bytes)
    {
        foreach (var (suffix, size) in new[] { ("Ti", 1L << 40), ("Gi", 1L << 30), ("Mi", 1L << 20), ("Ki", 1L << 10) })
        {
            if (bytes >= size && bytes % size == 0)
                return $"{bytes / size:0}{suffix}";
        }
        return bytes.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
