namespace Scheduler.Agent;

/// <summary>The configuration is invalid; <see cref="Exception.Message"/> names every bad key.</summary>
public sealed class AgentConfigException(string message) : Exception(message);
