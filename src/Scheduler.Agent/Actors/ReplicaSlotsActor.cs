using Akka.Actor;
using Akka.Hosting;
using Scheduler.Domain.Claims;

namespace Scheduler.Agent.Actors;

/// <summary>From a resource class entity, on any replica: it wants this replica's slots. Replied with <see cref="ReplicaSlotsReady"/>.</summary>
public sealed record RegisterClass(string ResourceClass);

/// <summary>To a class: this replica (its cluster address) grants slots; the sender is its slots actor.</summary>
public sealed record ReplicaSlotsReady(string ResourceClass, string Replica);

/// <summary>A class wants this many more slots (replaces its earlier request; 0 withdraws it).</summary>
public sealed record RequestSlots(string ResourceClass, int Wanted);

/// <summary>A class gives slots back: its jobs ended, or a grant arrived that it could not use.</summary>
public sealed record ReleaseSlots(string ResourceClass, int Count = 1);

/// <summary>On registration, a class says how many of this replica's slots its claimed jobs hold.</summary>
public sealed record SlotsHeld(string ResourceClass, int Count);

/// <summary>To a class: one slot of <paramref name="Replica"/> is yours; the job you claim with it runs there.</summary>
public sealed record SlotGranted(string ResourceClass, string Replica);

/// <summary>Drain: this replica grants no more slots; the jobs it runs keep theirs.</summary>
public sealed record StopClaiming;

/// <summary>
/// Shares this replica's <c>agent.maxConcurrentTasks</c> between the resource classes, wherever their entities live,
/// round-robin, so a busy class cannot starve the others when the replica limit binds. A job claimed with one of
/// these slots runs on this replica. The decisions are <see cref="SlotArbiter"/>'s.
/// </summary>
public sealed class ReplicaSlotsActor : ReceiveActor
{
    public const string Name = "replica-slots";

    private readonly Dictionary<string, IActorRef> _classes = new();
    private readonly string _replica;
    private SlotArbiter _arbiter;
    private bool _claiming = true;

    public ReplicaSlotsActor(int capacity)
    {
        _replica = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        _arbiter = SlotArbiter.WithCapacity(capacity);
        Receive<RegisterClass>(m =>
        {
            _classes[m.ResourceClass] = Sender;
            Sender.Tell(new ReplicaSlotsReady(m.ResourceClass, _replica));
        });
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
        Receive<StopClaiming>(_ => _claiming = false);
    }

    private void GrantFreeSlots()
    {
        if (!_claiming)
            return;
        var (arbiter, grants) = _arbiter.Grant();
        _arbiter = arbiter;
        foreach (var resourceClass in grants)
            _classes[resourceClass].Tell(new SlotGranted(resourceClass, _replica));
    }

    /// <summary>The slots actor of the replica at <paramref name="address"/>.</summary>
    public static ActorSelection At(IActorContext context, Address address) =>
        context.ActorSelection(new RootActorPath(address) / "user" / Name);

    public static Props Props(int capacity) => Akka.Actor.Props.Create(() => new ReplicaSlotsActor(capacity));
}

public static class ReplicaSlotsRegistration
{
    public static AkkaConfigurationBuilder AddReplicaSlots(this AkkaConfigurationBuilder builder, int capacity) =>
        builder.WithActors((system, registry) =>
            registry.Register<ReplicaSlotsActor>(system.ActorOf(ReplicaSlotsActor.Props(capacity), ReplicaSlotsActor.Name)));
}
