using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.Benchmarks.Throughput;

/// <summary>
/// The journal writes of a run, by writer: job entities (<c>job-…</c>), resource-class entities
/// (<c>resource-class-…</c>) and everything else (sharding's remembered entities). Events written are each
/// persistence id's highest sequence number (in the journal or the snapshot store), because a class entity deletes its
/// events once it has snapshotted them (every 100); the rows kept, by manifest, show what a job writes.
/// Per-job figures divide by the jobs the run submitted, warm-up included, since every one of them wrote.
/// </summary>
public sealed record JournalCount(
    int Jobs, long JobEvents, long ClassEvents, long OtherEvents, int RowsKept, long BytesKept, IReadOnlyDictionary<string, int> RowsKeptByManifest)
{
    public double JobEventsPerJob => (double)JobEvents / Jobs;
    public double ClassEventsPerJob => (double)ClassEvents / Jobs;
    public double OtherEventsPerJob => (double)OtherEvents / Jobs;
    public double EventsPerJob => (double)(JobEvents + ClassEvents + OtherEvents) / Jobs;
    public double BytesKeptPerJob => (double)BytesKept / Jobs;

    public static async Task<JournalCount> ReadAsync(AgentReplicas replicas, int jobs)
    {
        var highest = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var snapshots = Open(replicas.PostgresConnectionString, replicas.SqliteSnapshotFile))
            await ReadHighestAsync(snapshots, "snapshot", highest);
        await using var journal = Open(replicas.PostgresConnectionString, replicas.SqliteJournalFile);
        await ReadHighestAsync(journal, "journal", highest);

        var written = highest.GroupBy(p => Writer(p.Key)).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var (rows, bytes) = (0, 0L);
        var byManifest = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await using var command = journal.CreateCommand();
        command.CommandText = "SELECT persistence_id, manifest, length(message) FROM journal";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
            bytes += Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
            var key = $"{Writer(reader.GetString(0))} {(reader.IsDBNull(1) ? "-" : reader.GetString(1))}";
            byManifest[key] = byManifest.GetValueOrDefault(key) + 1;
        }
        return new JournalCount(jobs, written.GetValueOrDefault("job"), written.GetValueOrDefault("class"), written.GetValueOrDefault("other"),
            rows, bytes, byManifest);
    }

    private static string Writer(string persistenceId) =>
        persistenceId.StartsWith("job-", StringComparison.Ordinal) ? "job"
        : persistenceId.StartsWith("resource-class-", StringComparison.Ordinal) ? "class"
        : "other";

    private static DbConnection Open(string? postgres, string sqliteFile)
    {
        DbConnection connection = postgres is not null
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqliteFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task ReadHighestAsync(DbConnection connection, string table, Dictionary<string, long> highest)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT persistence_id, MAX(sequence_number) FROM {table} GROUP BY persistence_id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0);
            highest[id] = Math.Max(highest.GetValueOrDefault(id), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        }
    }
}
