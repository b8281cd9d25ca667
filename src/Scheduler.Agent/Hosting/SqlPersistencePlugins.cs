using Akka.Configuration;
using Akka.Persistence.Sql.Hosting;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// Akka.Persistence.Sql's journal and snapshot store for a replica's <see cref="StorageLayout"/>, as
/// Akka.Persistence.Sql.Hosting options: SQLite files in the data directory, or one PostgreSQL database.
/// Tables are created on first use (<c>auto-initialize</c>).
/// </summary>
public static class SqlPersistencePlugins
{
    public const string SqliteProvider = "SQLite.MS";
    public const string PostgresProvider = "PostgreSQL.15";

    public static SqlJournalOptions Journal(StorageLayout storage) => new()
    {
        ConnectionString = storage.JournalConnectionString,
        ProviderName = Provider(storage),
        AutoInitialize = true,
    };

    public static SqlSnapshotOptions Snapshots(StorageLayout storage) => new()
    {
        ConnectionString = storage.SnapshotConnectionString,
        ProviderName = Provider(storage),
        AutoInitialize = true,
    };

    /// <summary>Settings the options type has no property for: SQLite allows one writer per file, so the journal writes with parallelism 1.</summary>
    public static Akka.Configuration.Config Tuning(StorageLayout storage) => storage.UsesPostgres
        ? Akka.Configuration.Config.Empty
        : ConfigurationFactory.ParseString("akka.persistence.journal.sql.parallelism = 1");

    private static string Provider(StorageLayout storage) => storage.UsesPostgres ? PostgresProvider : SqliteProvider;
}
