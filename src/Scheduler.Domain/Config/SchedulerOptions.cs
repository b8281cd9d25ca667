namespace Scheduler.Domain.Config;

/// <summary>Everything one agent replica is configured with; each member is a top-level config section.</summary>
public sealed record SchedulerOptions
{
    public AgentOptions Agent { get; init; } = new();
    public KubernetesOptions Kubernetes { get; init; } = new();
    public ApiOptions Api { get; init; } = new();
    public StorageOptions Storage { get; init; } = new();
    public ReplicaOptions Replica { get; init; } = new();
    public ConsoleOptions Console { get; init; } = new();
}
