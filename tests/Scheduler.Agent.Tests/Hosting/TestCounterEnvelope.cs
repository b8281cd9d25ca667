using Akka.Cluster.Sharding;

namespace Scheduler.Agent.Tests.Hosting;

/// <summary>A message for the sharded <see cref="TestCounter"/> with id <paramref name="EntityId"/>.</summary>
public sealed record TestCounterEnvelope(string EntityId, object Message);

public sealed class TestCounterExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public override string? EntityId(object message) => (message as TestCounterEnvelope)?.EntityId;

    public override object? EntityMessage(object message) => (message as TestCounterEnvelope)?.Message;
}
