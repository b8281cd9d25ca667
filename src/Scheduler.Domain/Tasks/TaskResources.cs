namespace Scheduler.Domain.Tasks;

/// <summary>A task's <c>resources</c>, the Kubernetes shape <c>{requests: {cpu, memory}, limits: {cpu, memory}}</c>, for its container.</summary>
public sealed record TaskResources(ResourceAmounts Requests, ResourceAmounts Limits)
{
    public static readonly TaskResources None = new(ResourceAmounts.None, ResourceAmounts.None);

    public bool IsEmpty => Requests.IsEmpty && Limits.IsEmpty;

    /// <summary>Every value set, with its field path (<c>resources.limits.cpu</c>).</summary>
    public IEnumerable<(string Path, string Resource, KubeQuantity Quantity)> Values()
    {
        foreach (var (side, amounts) in new[] { ("requests", Requests), ("limits", Limits) })
        {
            if (amounts.Cpu is { } cpu)
                yield return ($"resources.{side}.cpu", "cpu", cpu);
            if (amounts.Memory is { } memory)
                yield return ($"resources.{side}.memory", "memory", memory);
        }
    }
}
