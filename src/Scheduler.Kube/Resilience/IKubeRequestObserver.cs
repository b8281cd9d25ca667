namespace Scheduler.Kube.Resilience;

/// <summary>
/// Told about every attempt to reach the Kubernetes API (each HTTP attempt, retries included, and each exec/attach
/// WebSocket opened), for metrics. <paramref name="code"/> is the HTTP status, or <c>error</c> when no response came.
/// </summary>
public interface IKubeRequestObserver
{
    void Attempted(KubeRequestKind kind, string code);

    /// <summary>An attempt that repeats a request whose previous attempt ended with <paramref name="previousCode"/>.</summary>
    void Retried(KubeRequestKind kind, string previousCode);
}
