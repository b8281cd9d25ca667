using System.Globalization;
using Akka.Actor;
using Akka.Cluster;

namespace Scheduler.Agent.Pbm.Palettes;

/// <summary>
/// Serves one <c>cluster tail</c>: the current members as events first, then every membership, reachability and
/// leader change, one line each, until it is stopped.
/// </summary>
public sealed class ClusterTailActor : ReceiveActor
{
    private readonly ConsoleReply _reply;

    public ClusterTailActor(ConsoleReply reply)
    {
        _reply = reply;
        Receive<ClusterEvent.IMemberEvent>(e => Write(e.GetType().Name, $"{e.Member.Address} ({e.Member.Status})"));
        Receive<ClusterEvent.UnreachableMember>(e => Write(nameof(ClusterEvent.UnreachableMember), e.Member.Address.ToString()));
        Receive<ClusterEvent.ReachableMember>(e => Write(nameof(ClusterEvent.ReachableMember), e.Member.Address.ToString()));
        Receive<ClusterEvent.LeaderChanged>(e => Write(nameof(ClusterEvent.LeaderChanged), e.Leader?.ToString() ?? "none"));
    }

    protected override void PreStart() => Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
        typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Write(string kind, string detail) =>
        _reply.Line($"{DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)}Z {kind}: {detail}");

    public static Props Props(ConsoleReply reply) => Akka.Actor.Props.Create(() => new ClusterTailActor(reply));
}
