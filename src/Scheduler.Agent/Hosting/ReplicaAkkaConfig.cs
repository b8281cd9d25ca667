using Scheduler.Agent.Config;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// The HOCON a replica's actor system starts with, over the persistence plugins that
/// <see cref="SqlPersistencePlugins"/> adds: the loaded config (whose <c>akka.*</c> came from
/// <c>hocon/akka.conf</c> and the user's file, so it may tune the plugins), over the storage tuning,
/// over the serializer bindings (<c>hocon/serialization.conf</c>).
/// </summary>
public static class ReplicaAkkaConfig
{
    public static Akka.Configuration.Config Build(Akka.Configuration.Config loadedHocon, StorageLayout storage) =>
        loadedHocon.WithFallback(SqlPersistencePlugins.Tuning(storage)).WithFallback(EmbeddedHocon.Load(EmbeddedHocon.Serialization));
}
