using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;

namespace Scheduler.Agent.Pbm.Palettes;

/// <summary>The <c>cluster</c> palette: the Akka.NET cluster as this replica sees it, and its membership commands.</summary>
public sealed class ClusterPaletteActor : PaletteActor
{
    public static readonly PaletteSpec Spec = new("cluster", "the Akka.NET cluster of the replicas",
    [
        new("show", "every member: address | roles | status | reachability, then Count: N nodes"),
        new("leave", "a member (this replica by default) leaves the cluster gracefully",
            [OptionSpec.Value("a", "address", "the member's address, e.g. akka.tcp://scheduler@127.0.0.1:4053")]),
        new("down-unreachable", "downs every member that is unreachable"),
        new("join", "this replica joins the cluster at an address",
            [OptionSpec.Value("a", "address", "a member's address, e.g. akka.tcp://scheduler@127.0.0.1:4053", required: true)]),
        new("tail", "streams membership and reachability events until interrupted"),
    ]);

    private readonly Cluster _cluster = Cluster.Get(Context.System);

    protected override async Task<int> RunAsync(ConsoleCommand command, ConsoleReply reply, CancellationToken ct)
    {
        switch (command.Name)
        {
            case "show":
                reply.Lines(Show(_cluster.State, _cluster.SelfAddress));
                return ConsoleExitCodes.Succeeded;
            case "leave":
                return Leave(command.Option("a"), reply);
            case "down-unreachable":
                return DownUnreachable(reply);
            case "join":
                return Join(command.Option("a")!, reply);
            default:
                // Subscribed from the actor's thread, stopped from the command's.
                var tail = Context.ActorOf(ClusterTailActor.Props(reply));
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    tail.Tell(PoisonPill.Instance);
                }
                return ConsoleExitCodes.Succeeded;
        }
    }

    public static IEnumerable<string> Show(ClusterEvent.CurrentClusterState state, Address self)
    {
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        foreach (var member in state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal))
        {
            var notes = new List<string>();
            if (member.Address == state.Leader)
                notes.Add("leader");
            if (member.Address == self)
                notes.Add("this replica");
            var roles = member.Roles.Count == 0 ? "-" : string.Join(",", member.Roles.Order());
            var row = $"{member.Address} | roles: {roles} | {member.Status} | {(unreachable.Contains(member.Address) ? "unreachable" : "reachable")}";
            yield return notes.Count == 0 ? row : $"{row} | {string.Join(", ", notes)}";
        }
        yield return $"Count: {state.Members.Count} nodes";
    }

    private int Leave(string? addressText, ConsoleReply reply)
    {
        var address = _cluster.SelfAddress;
        if (addressText is not null && !TryParse(addressText, reply, out address))
            return ConsoleExitCodes.BadInput;
        if (_cluster.State.Members.All(m => m.Address != address))
            return reply.Fail($"{address} is not a member; see cluster show");
        _cluster.Leave(address);
        reply.Line(address == _cluster.SelfAddress
            ? $"{address} (this replica) is leaving the cluster; its shards and singletons move to the others"
            : $"{address} is leaving the cluster");
        return ConsoleExitCodes.Succeeded;
    }

    private int DownUnreachable(ConsoleReply reply)
    {
        var unreachable = _cluster.State.Unreachable.Select(m => m.Address).ToArray();
        if (unreachable.Length == 0)
            reply.Line("no unreachable members");
        foreach (var address in unreachable)
        {
            _cluster.Down(address);
            reply.Line($"downed {address}");
        }
        return ConsoleExitCodes.Succeeded;
    }

    private int Join(string addressText, ConsoleReply reply)
    {
        if (!TryParse(addressText, reply, out var address))
            return ConsoleExitCodes.BadInput;
        _cluster.Join(address);
        reply.Line($"joining {address}; cluster show tells when this replica is Up");
        return ConsoleExitCodes.Succeeded;
    }

    private static bool TryParse(string text, ConsoleReply reply, out Address address)
    {
        address = null!;
        if (Address.TryParse(text, out var parsed) && parsed.HasGlobalScope)
        {
            address = parsed;
            return true;
        }
        reply.Error($"not a member address: \"{text}\" (expected akka.tcp://scheduler@host:port)");
        return false;
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterPaletteActor());
}

public static class ClusterPaletteRegistration
{
    public static AkkaConfigurationBuilder AddClusterPalette(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
            registry.Register<ClusterPaletteActor>(system.ActorOf(ClusterPaletteActor.Props(), "pbm-cluster")));
}
