using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.Benchmarks.Throughput;

/// <summary>
/// The rows in the Akka.Persistence.Sql journal after a run, by writer: job entities (<c>job-…</c>), resource-class
/// entities (<c>resource-class-…</c>) and everything else (sharding's remembered entities); and by event manifest.
/// Divided by the jobs the run submitted, warm-up included, since every one of them wrote.
/// </summary>
public sealed record JournalCount(int Jobs, int JobEvents, int ClassEvents, int OtherEvents, long Bytes, IReadOnlyDictionary<string, int> ByManifest)
{
    public double JobEventsPerJob => (double)JobEvents / Jobs;
    public double ClassEventsPerJob => (double)ClassEvents / Jobs;
    public double OtherEventsPerJob => (double)OtherEvents / Jobs;
    public double EventsPerJob => (double)(JobEvents + ClassEvents + OtherEvents) / Jobs;
    public double BytesPerJob => (double)Bytes / Jobs;

    public static async Task<JournalCount> ReadAsync(AgentReplicas replicas, int jobs)
    {
        await using DbConnection connection = replicas.PostgresConnectionString is { } postgres
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = replicas.SqliteJournalFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, manifest, length(message) FROM journal";
        var (job, resourceClass, other, bytes) = (0, 0, 0, 0L);
        var byManifest = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0);
            var writer = id.StartsWith("job-", StringComparison.Ordinal) ? "job"
                : id.StartsWith("resource-class-", StringComparison.Ordinal) ? "class" : "other";
            switch (writer)
            {
                case "job": job++; break;
                case "class": resourceClass++; break;
                default: other++; break;
            }
            bytes += Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            var key = $"{writer} {(reader.IsDBNull(1) ? "-" : reader.GetString(1))}";
            byManifest[key] = byManifest.GetValueOrDefault(key) + 1;
        }
        return new JournalCount(jobs, job, resourceClass, other, bytes, byManifest);
    }
}
