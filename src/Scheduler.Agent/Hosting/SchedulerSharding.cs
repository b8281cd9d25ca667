using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Cluster.Sharding;

namespace Scheduler.Agent.Hosting;

/// <summary>Sharding settings every scheduler region uses (see <c>hocon/akka.conf</c>).</summary>
public static class SchedulerSharding
{
    public const string MaxNumberOfShardsKey = "scheduler.sharding.max-number-of-shards";

    /// <summary>Remembered entities, stored in the journal; coordinator state in distributed data.</summary>
    public static ShardOptions RememberedEntities() => new()
    {
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = true,
        RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
        HandOffStopMessage = Actors.StopEntity.Instance,
    };

    /// <summary>The fixed shard count for <see cref="HashCodeMessageExtractor"/>s; never change it on a live cluster.</summary>
    public static int MaxNumberOfShards(Akka.Configuration.Config config) => config.GetInt(MaxNumberOfShardsKey, 100);

    /// <summary>The shard count from the builder's config, for use inside <c>Add…</c> registrations.</summary>
    public static int MaxNumberOfShards(AkkaConfigurationBuilder builder) =>
        MaxNumberOfShards(builder.Configuration.HasValue ? builder.Configuration.Value : Akka.Configuration.Config.Empty);
}
