using Scheduler.Kube.Resilience;

namespace Scheduler.Kube.Connection;

/// <summary>
/// Where the cluster is and how politely to talk to it.
/// Without <see cref="KubeconfigPath"/> and with <see cref="InCluster"/> false, the default kubeconfig
/// (<c>$KUBECONFIG</c> or <c>~/.kube/config</c>) is used.
/// </summary>
public sealed record KubeConnectionOptions
{
    public string? KubeconfigPath { get; init; }

    /// <summary>Kubeconfig context; the file's current context when null.</summary>
    public string? Context { get; init; }

    /// <summary>Use the pod's service account (token and CA under /var/run/secrets/kubernetes.io/serviceaccount).</summary>
    public bool InCluster { get; init; }

    /// <summary>Namespace for every namespaced call; falls back to the kubeconfig's or service account's namespace, then "default".</summary>
    public string? Namespace { get; init; }

    public KubeRateLimitOptions RateLimit { get; init; } = new();

    public KubeRetryOptions Retry { get; init; } = new();

    /// <summary>Told about every attempt to reach the API (for metrics); null to tell nobody.</summary>
    public IKubeRequestObserver? Observer { get; init; }
}
