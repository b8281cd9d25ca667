using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Config;

/// <summary>One <c>agent.resourceClasses.&lt;name&gt;</c> entry.</summary>
/// <param name="Name">The class name, CircleCI style <c>namespace/name</c>.</param>
/// <param name="Token">The bearer token that submits tasks to this class.</param>
/// <param name="MaxConcurrentTasks">Cluster-wide limit for this class; <c>null</c> leaves only the replicas' own limits.</param>
/// <param name="Execution">How steps reach the pod.</param>
/// <param name="Template">The pod template from the entry's <c>metadata</c> and <c>spec</c>.</param>
public sealed record ResourceClassOptions(
    string Name,
    string Token,
    int? MaxConcurrentTasks,
    ExecutionMode Execution,
    PodTemplate Template)
{
    /// <summary>Image patterns a task of this class may use (<see cref="ImagePatterns"/>); empty allows any image.</summary>
    public IReadOnlyList<string> AllowedImages { get; init; } = [];

    /// <summary>Image pull policies a task pod of this class may end up with; empty allows any.</summary>
    public IReadOnlyList<string> AllowedPullPolicies { get; init; } = [];

    /// <summary>The explicit opt-in that lets the template loosen the secure pod defaults (<see cref="PodSecurity"/>).</summary>
    public bool AllowPrivileged { get; init; }

    /// <summary>Whether a task of this class may run service containers (<c>services:</c>); their images obey <see cref="AllowedImages"/>.</summary>
    public bool AllowServices { get; init; } = true;

    /// <summary>How long the first step waits for every service with a port to accept TCP on it.</summary>
    public TimeSpan ServiceStartTimeout { get; init; } = DefaultServiceStartTimeout;

    public static readonly TimeSpan DefaultServiceStartTimeout = TimeSpan.FromMinutes(2);
    /// <summary>The most cpu a task may request or be limited to (<c>resources</c>); null: a task may not set cpu.</summary>
    public KubeQuantity? MaxCpu { get; init; }

    /// <summary>The most memory a task may request or be limited to; null: a task may not set memory.</summary>
    public KubeQuantity? MaxMemory { get; init; }

    /// <summary>Node selector keys a task may set (<c>nodeSelector</c>); empty: none.</summary>
    public IReadOnlyList<string> AllowedNodeSelectorKeys { get; init; } = [];

    /// <summary>Taint keys a task may add tolerations for (<c>tolerations</c>); empty: none.</summary>
    public IReadOnlyList<string> AllowedTolerationKeys { get; init; } = [];

    /// <summary>The most bytes of step output a job's log keeps; null: <c>agent.outputLimit</c>.</summary>
    /// <summary>The most <c>retry.infrastructure</c> a task of this class may ask for (<c>maxInfrastructureRetries</c>).</summary>
    public int MaxInfrastructureRetries { get; init; } = DefaultMaxInfrastructureRetries;

    public const int DefaultMaxInfrastructureRetries = 2;

    public long? OutputLimit { get; init; }
}
