namespace Scheduler.Domain.Config;

/// <summary>The <c>api.*</c> section: the replica's HTTP API.</summary>
public sealed record ApiOptions
{
    /// <summary>Where the API listens; loopback by default. Port 0 picks a free port.</summary>
    public string ListenUrl { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Request bodies above this size get 413.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;
}
