namespace Scheduler.Domain.Config;

/// <summary>The <c>kubernetes.*</c> section: how the agent reaches the cluster its task pods run in.</summary>
public sealed record KubernetesOptions
{
    /// <summary>Path of a kubeconfig file; unset with <see cref="InCluster"/> off means "the embedded LocalKube" for <c>sched run</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context to use; unset means its current context.</summary>
    public string? Context { get; init; }

    /// <summary>Use the pod's service account (for an agent deployed in the cluster).</summary>
    public bool InCluster { get; init; }

    public string Namespace { get; init; } = "default";

    /// <summary>Client-side token-bucket rate: sustained requests per second.</summary>
    public double Qps { get; init; } = 50;

    /// <summary>Client-side token-bucket capacity.</summary>
    public int Burst { get; init; } = 100;
}
