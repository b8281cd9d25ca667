using Scheduler.Agent.Actors;
using Scheduler.Agent.Serialization;
using Scheduler.Domain.Jobs;

namespace Scheduler.Agent.Tests.Serialization;

/// <summary>A new event or message without a stable format, or without its HOCON binding, fails here rather than in production.</summary>
public sealed class SerializerCoverageTests() : Akka.TestKit.Xunit2.TestKit(FormatSamples.SystemSetup())
{
    private static readonly MessageFormats Formats = new(null);

    [Fact]
    public void Every_persisted_event_type_has_a_stored_format()
    {
        var persisted = ConcreteTypes(typeof(IJobEvent)).Concat(ConcreteTypes(typeof(IResourceClassEvent))).Append(typeof(ResourceClassSnapshot));

        Assert.Empty(persisted.Except(Formats.Stored.Select(f => f.Type)).Select(t => t.Name));
    }

    [Fact]
    public void Every_message_of_the_actors_has_a_format()
    {
        var messages = typeof(JobActor).Assembly.GetTypes()
            .Where(t => t is { IsPublic: true, IsAbstract: false, Namespace: "Scheduler.Agent.Actors" } && t.GetMethod("<Clone>$") is not null);

        Assert.Empty(messages.Except(Formats.Stored.Concat(Formats.Wire).Select(f => f.Type)).Select(t => t.Name));
    }

    [Fact]
    public void Every_format_is_bound_to_the_scheduler_serializer_in_HOCON()
    {
        var unbound = Formats.Stored.Concat(Formats.Wire)
            .Where(f => Sys.Serialization.FindSerializerForType(f.Type) is not SchedulerSerializer)
            .Select(f => f.Type.Name);

        Assert.Empty(unbound);
    }

    [Fact]
    public void Every_format_has_a_sample_in_the_round_trip_test()
    {
        Assert.Equal(
            Formats.Stored.Concat(Formats.Wire).Select(f => f.Type.Name).Order(),
            FormatSamples.Stored.Concat(FormatSamples.Wire).Select(s => s.GetType().Name).Order());
    }

    private static IEnumerable<Type> ConcreteTypes(Type contract) =>
        contract.Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && contract.IsAssignableFrom(t));
}
