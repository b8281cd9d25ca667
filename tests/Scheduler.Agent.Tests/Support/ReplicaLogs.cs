using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// What every replica of a test logged at info level and above, in order, each line with its replica's address: what
/// a multi-replica test prints to explain itself (in-process agents log to the test host's stdout, which xunit drops).
/// </summary>
public sealed class ReplicaLogs
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Follow(ActorSystem replica)
    {
        var address = Akka.Cluster.Cluster.Get(replica).SelfAddress.ToString();
        // A system actor, so it still listens while the replica stops its user actors and hands off its shards.
        var collector = ((ExtendedActorSystem)replica).SystemActorOf(Props.Create(() => new Collector(address, _lines)), "test-log-collector");
        foreach (var level in new[] { typeof(Info), typeof(Warning), typeof(Error) })
            replica.EventStream.Subscribe(collector, level);
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(string address, ConcurrentQueue<string> lines) =>
            Receive<LogEvent>(e => lines.Enqueue($"{e.Timestamp:HH:mm:ss.fff} {address} {e.LogLevel()} {e.LogSource}: {e.Message}{(e.Cause is { } c ? " — " + c.Message : "")}"));
    }
}
