using Scheduler.Domain.Jobs;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Pods;

/// <summary>
/// What <see cref="PodBuilder"/> and <see cref="SecretBuilder"/> need to know about one job attempt.
/// <see cref="Image"/> null means the template's image (else <see cref="PodBuilder.DefaultImage"/>);
/// <see cref="SecretName"/> null means the task has no secrets. Holds secret names only, never values.
/// </summary>
public sealed record JobPodRequest(
    JobId JobId,
    int Attempt,
    string Namespace,
    string ResourceClass,
    string? Image,
    IReadOnlyDictionary<string, string> Environment,
    string? SecretName,
    IReadOnlyList<string> SecretKeys,
    TimeSpan Timeout,
    string? AgentName = null,
    int OwnerEpoch = 1)
{
    /// <summary>The replica that creates the pod and runs its steps (<c>host-port</c>), as the pod's replica label.</summary>
    public string? Replica { get; init; }

    /// <summary>The task's service containers.</summary>
    public IReadOnlyList<ServiceSpec> Services { get; init; } = [];
    /// <summary>The task's resources, node selector entries and tolerations.</summary>
    public TaskPodOverrides Overrides { get; init; } = TaskPodOverrides.None;

    /// <summary>The request for a claimed job's current attempt.</summary>
    public static JobPodRequest From(JobState state, string @namespace, TimeSpan maxRunTime, string? agentName = null)
    {
        if (state.Attempt == 0)
            throw new InvalidOperationException($"job {state.JobId} has not been claimed");
        return new JobPodRequest(
            state.JobId,
            state.Attempt,
            @namespace,
            state.Spec.ResourceClass,
            state.Spec.Image,
            state.Spec.Environment,
            state.SecretName,
            state.Spec.Secrets.Keys.Order(StringComparer.Ordinal).ToArray(),
            TaskSpecLimits.EffectiveTimeout(state.Spec, maxRunTime),
            agentName,
            state.OwnerEpoch)
        {
            Services = state.Spec.Services,
            Overrides = state.Spec.PodOverrides,
        };
    }
}
