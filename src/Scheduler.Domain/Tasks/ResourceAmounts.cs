namespace Scheduler.Domain.Tasks;

/// <summary>The cpu (cores) and memory (bytes) of one side of a container's resources; null = not set.</summary>
public sealed record ResourceAmounts(KubeQuantity? Cpu, KubeQuantity? Memory)
{
    public static readonly ResourceAmounts None = new(null, null);

    public bool IsEmpty => Cpu is null && Memory is null;
}
