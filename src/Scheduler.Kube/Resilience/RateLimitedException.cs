namespace Scheduler.Kube.Resilience;

/// <summary>The client-side rate limiter's queue was full, so the request was not sent.</summary>
public sealed class RateLimitedException() : Exception("Client-side Kubernetes rate limiter queue is full.");
