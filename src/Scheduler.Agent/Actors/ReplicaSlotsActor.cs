using Akka.Actor;
using Akka.Hosting;
using Scheduler.Domain.Claims;

namespace Scheduler.Agent.Actors;

/// <summary>A class wants this many more slots (replaces its earlier request; 0 withdraws it).</summary>
public sealed record RequestSlots(string ResourceClass, int Wanted);

/// <summary>A class gives slots back: its jobs ended, or a grant arrived that it could not use.</summary>
public sealed record ReleaseSlots(string ResourceClass, int Count = 1);

/// <summary>After a restart, a class says how many slots its running jobs hold.</summary>
public sealed record SlotsHeld(string ResourceClass, int Count);

/// <summary>To a class: one slot is yours.</summary>
public sealed record SlotGranted(string ResourceClass);

/// <summary>
/// Shares this replica's <c>agent.maxConcurrentTasks</c> between its resource classes, round-robin, so a busy
/// class cannot starve the others when the replica limit binds. The decisions are <see cref="SlotArbiter"/>'s.
/// </summary>
public sealed class ReplicaSlotsActor : ReceiveActor
{
    private readonly Dictionary<string, IActorRef> _classes = new();
    private SlotArbiter _arbiter;

    public ReplicaSlotsActor(int capacity)
    {
        _arbiter = SlotArbiter.WithCapacity(capacity);
        Receive<RequestSlots>(m =>
        {
            _classes[m.ResourceClass] = Sender;
            _arbiter = _arbiter.Request(m.ResourceClass, m.Wanted);
            GrantFreeSlots();
        });
        Receive<ReleaseSlots>(m =>
        {
            _arbiter = _arbiter.Release(m.ResourceClass, m.Count);
            GrantFreeSlots();
        });
        Receive<SlotsHeld>(m =>
        {
            _arbiter = _arbiter.SetHeld(m.ResourceClass, m.Count);
            GrantFreeSlots();
        });
    }

    private void GrantFreeSlots()
    {
        var (arbiter, grants) = _arbiter.Grant();
        _arbiter = arbiter;
        foreach (var resourceClass in grants)
            _classes[resourceClass].Tell(new SlotGranted(resourceClass));
    }

    public static Props Props(int capacity) => Akka.Actor.Props.Create(() => new ReplicaSlotsActor(capacity));
}

public static class ReplicaSlotsRegistration
{
    public static AkkaConfigurationBuilder AddReplicaSlots(this AkkaConfigurationBuilder builder, int capacity) =>
        builder.WithActors((system, registry) =>
            registry.Register<ReplicaSlotsActor>(system.ActorOf(ReplicaSlotsActor.Props(capacity), "replica-slots")));
}
