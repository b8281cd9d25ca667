namespace Scheduler.Cli.Client;

/// <summary>No agent answered at the server URL (connection refused, unknown host, timeout).</summary>
public sealed class AgentUnreachableException(Uri server, Exception inner)
    : Exception($"cannot reach the agent at {server}: {inner.Message}", inner);
