using System.Text.Json;
using Akka.Configuration;
using Scheduler.Agent.Config;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// The HOCON a replica's actor system starts with: the loaded config (whose <c>akka.*</c> came from
/// <c>hocon/akka.conf</c> and the user's file), over the persistence file for the chosen database,
/// with the connection strings filled in, over the serializer bindings (<c>hocon/serialization.conf</c>).
/// </summary>
public static class ReplicaAkkaConfig
{
    public static Akka.Configuration.Config Build(Akka.Configuration.Config loadedHocon, StorageLayout storage)
    {
        var persistence = EmbeddedHocon.Load(storage.UsesPostgres ? EmbeddedHocon.PostgresPersistence : EmbeddedHocon.SqlitePersistence);
        var connections = ConfigurationFactory.ParseString($"""
            akka.persistence.journal.sql.connection-string = {Quote(storage.JournalConnectionString)}
            akka.persistence.query.journal.sql.connection-string = {Quote(storage.JournalConnectionString)}
            akka.persistence.snapshot-store.sql.connection-string = {Quote(storage.SnapshotConnectionString)}
            """);
        return connections.WithFallback(loadedHocon).WithFallback(persistence).WithFallback(EmbeddedHocon.Load(EmbeddedHocon.Serialization));
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
