namespace Scheduler.Kube.Resilience;

/// <summary>
/// Bounded exponential backoff with jitter for Kubernetes API calls.
/// Defaults follow GitLab Runner's Kubernetes executor: 5 tries, 500 ms growing to at most 2 s.
/// </summary>
public sealed record KubeRetryOptions
{
    /// <summary>Total attempts including the first one.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound for a server's 429 <c>Retry-After</c>, so a misbehaving server cannot park a call for minutes.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);
}
