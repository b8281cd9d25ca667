using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace Scheduler.Agent.Pbm.Palettes;

/// <summary>The <c>cluster-sharding</c> palette: the shard regions and how their shards and entities spread over the members.</summary>
public sealed class ClusterShardingPaletteActor : PaletteActor
{
    public static readonly PaletteSpec Spec = new("cluster-sharding", "the sharded entities (jobs, resource classes)",
    [
        new("regions", "the shard regions this replica hosts"),
        new("region-stats", "shards and entities of a region per member",
            [OptionSpec.Value("r", "region", "the region's name, from cluster-sharding regions", required: true)]),
    ]);

    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);

    private readonly ClusterSharding _sharding = ClusterSharding.Get(Context.System);

    protected override async Task<int> RunAsync(ConsoleCommand command, ConsoleReply reply, CancellationToken ct)
    {
        var regions = _sharding.ShardTypeNames.Order(StringComparer.Ordinal).ToArray();
        if (command.Name == "regions")
        {
            reply.Lines(regions);
            reply.Line($"Count: {regions.Length} regions");
            return ConsoleExitCodes.Succeeded;
        }

        var name = command.Option("r")!;
        if (!regions.Contains(name))
            return reply.Fail($"unknown region \"{name}\"; regions: {string.Join(", ", regions)}");
        var stats = await _sharding.ShardRegion(name).Ask<ClusterShardingStats>(
            new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(1), ct);
        foreach (var (address, region) in stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal))
        {
            var failed = region.Failed.Count > 0 ? $" | failed shards: {region.Failed.Count}" : "";
            reply.Line($"{address} | shards: {region.Stats.Count} | entities: {region.Stats.Values.Sum()}{failed}");
        }
        reply.Line($"Count: {stats.Regions.Count} members");
        return ConsoleExitCodes.Succeeded;
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterShardingPaletteActor());
}

public static class ClusterShardingPaletteRegistration
{
    public static AkkaConfigurationBuilder AddClusterShardingPalette(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
            registry.Register<ClusterShardingPaletteActor>(system.ActorOf(ClusterShardingPaletteActor.Props(), "pbm-cluster-sharding")));
}
