namespace Scheduler.Domain.Config;

/// <summary>The <c>replica.*</c> section: this replica's Akka.NET cluster endpoint and its static seeds.</summary>
public sealed record ReplicaOptions
{
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>Akka.Remote port; 0 picks a free one, which suits a replica that joins itself.</summary>
    public int Port { get; init; }

    /// <summary>Seed addresses like <c>akka.tcp://scheduler@host:4053</c>; empty means a one-node cluster that joins itself.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];
}
