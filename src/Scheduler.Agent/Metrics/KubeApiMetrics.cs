using Prometheus;
using Scheduler.Kube.Resilience;

namespace Scheduler.Agent.Metrics;

/// <summary>
/// This replica's calls to the Kubernetes API: every attempt by verb, resource and code (the HTTP status, <c>101</c>
/// for an exec or attach WebSocket, <c>error</c> when no response came), and the retries by the code that caused them.
/// </summary>
public sealed class KubeApiMetrics : IKubeRequestObserver
{
    private readonly Counter _requests;
    private readonly Counter _retries;

    public KubeApiMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter("scheduler_kube_requests_total",
            "Attempts to reach the Kubernetes API (retries included), by verb, resource and HTTP status code (error: no response).",
            "verb", "resource", "code");
        _retries = factory.CreateCounter("scheduler_kube_retries_total",
            "Kubernetes API requests sent again, by verb, resource and the code of the attempt that failed.",
            "verb", "resource", "code");
    }

    public void Attempted(KubeRequestKind kind, string code) => _requests.WithLabels(kind.Verb, kind.Resource, code).Inc();

    public void Retried(KubeRequestKind kind, string previousCode) => _retries.WithLabels(kind.Verb, kind.Resource, previousCode).Inc();
}
