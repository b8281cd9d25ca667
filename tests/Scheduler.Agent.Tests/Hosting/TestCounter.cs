using Akka.Actor;
using Akka.Persistence;

namespace Scheduler.Agent.Tests.Hosting;

/// <summary>A test-only persistent actor: counts persisted increments and reports each recovery.</summary>
public sealed class TestCounter : ReceivePersistentActor
{
    public sealed record Increment;
    public sealed record GetCount;
    public sealed record Count(string Id, int Value);
    public sealed record Incremented;

    private readonly Action<Count>? _onRecovered;
    private int _count;

    public TestCounter(string persistenceId, Action<Count>? onRecovered = null)
    {
        PersistenceId = persistenceId;
        _onRecovered = onRecovered;
        Recover<Incremented>(_ => _count++);
        Recover<RecoveryCompleted>(_ => _onRecovered?.Invoke(new Count(PersistenceId, _count)));
        Command<Increment>(_ => Persist(new Incremented(), _ =>
        {
            _count++;
            Sender.Tell(new Count(PersistenceId, _count));
        }));
        Command<GetCount>(_ => Sender.Tell(new Count(PersistenceId, _count)));
    }

    public override string PersistenceId { get; }
}
