namespace Scheduler.Agent.Tests.Chaos;

/// <summary>The chaos scenarios run one at a time: each starts three agents, LocalKube and PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class ChaosCollection
{
    public const string Name = "chaos";
}
