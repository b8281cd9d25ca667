namespace Scheduler.Agent.Api;

/// <summary>
/// Whether this replica is ready to take requests (joined its cluster, recovered, connected to Kubernetes).
/// <c>/readyz</c> reports it; without a registered implementation the replica counts as ready once it serves HTTP.
/// </summary>
public interface IAgentReadiness
{
    bool IsReady { get; }

    /// <summary>Why the replica is not ready, shown by <c>/readyz</c>; null when ready.</summary>
    string? Reason { get; }
}
