using Akka.Actor;
using Akka.Persistence;

namespace Scheduler.Agent.Tests.Support;

/// <summary>Recovers a persistence id as its entity would, and reports what the recovery read from the snapshot store and journal.</summary>
public sealed class RecoveryCounter : ReceivePersistentActor
{
    public sealed record Report(long? SnapshotSequenceNr, int EventsReplayed);

    private long? _snapshot;
    private int _events;

    public RecoveryCounter(string persistenceId, IActorRef reportTo)
    {
        PersistenceId = persistenceId;
        Recover<SnapshotOffer>(offer => _snapshot = offer.Metadata.SequenceNr);
        Recover<RecoveryCompleted>(_ => reportTo.Tell(new Report(_snapshot, _events)));
        Recover<object>(_ => _events++);
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, IActorRef reportTo) =>
        Akka.Actor.Props.Create(() => new RecoveryCounter(persistenceId, reportTo));
}
