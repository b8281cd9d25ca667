using Microsoft.Data.Sqlite;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// Where a replica's durable state lives. On SQLite: four files in the data directory, because SQLite
/// allows one writer per file and the journal, the snapshots, the job logs and the job views write independently.
/// On PostgreSQL: one database for all three.
/// </summary>
public sealed record StorageLayout(string DataDirectory, string? PostgresConnectionString)
{
    public static StorageLayout From(StorageOptions storage) =>
        new(Path.GetFullPath(storage.DataDirectory), storage.UsesPostgres ? storage.PostgresConnectionString : null);

    public bool UsesPostgres => PostgresConnectionString is not null;

    public string JournalConnectionString => PostgresConnectionString ?? Sqlite("journal.db");
    public string SnapshotConnectionString => PostgresConnectionString ?? Sqlite("snapshots.db");
    public string LogsConnectionString => PostgresConnectionString ?? Sqlite("logs.db");
    public string ViewsConnectionString => PostgresConnectionString ?? Sqlite("views.db");

    /// <summary>Creates the data directory and switches the SQLite files to WAL (a setting kept in the file).</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(DataDirectory);
        if (UsesPostgres)
            return;
        foreach (var connectionString in new[] { JournalConnectionString, SnapshotConnectionString, LogsConnectionString, ViewsConnectionString })
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
    }

    private string Sqlite(string fileName) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, fileName) }.ToString();
}
