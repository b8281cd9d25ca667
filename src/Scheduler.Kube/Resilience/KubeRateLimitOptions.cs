namespace Scheduler.Kube.Resilience;

/// <summary>
/// Client-side token bucket shared by every request of one replica.
/// Defaults (50 QPS, burst 100) sit between client-go's 5/10 and what a busy CI agent with 20 jobs needs:
/// a job costs about 10 calls (secret, pod, owner patch, execs, deletes), so 20 jobs starting together fit in the burst,
/// while a runaway loop is still held to 50 requests/s. Buildkite's controller uses 10/20.
/// </summary>
public sealed record KubeRateLimitOptions
{
    public double Qps { get; init; } = 50;

    public int Burst { get; init; } = 100;

    /// <summary>Requests allowed to wait for a token; beyond this a request fails fast instead of piling up.</summary>
    public int QueueLimit { get; init; } = 10_000;
}
