using System.Data.Common;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// The replica's health checks, through Akka.Hosting: <c>/healthz</c> runs those tagged <see cref="Live"/> (the actor
/// system is not terminated), <c>/readyz</c> those tagged <see cref="Ready"/> (Akka.Cluster.Hosting's check that the
/// replica joined its cluster, and a round trip to the database).
/// </summary>
public static class HealthChecks
{
    public const string Live = "live";
    public const string Ready = "ready";
    public const string Database = "database";

    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    public static AkkaConfigurationBuilder WithSchedulerHealthChecks(this AkkaConfigurationBuilder builder, StorageLayout storage) =>
        builder
            .WithActorSystemLivenessCheck(tags: [Live])
            .WithAkkaClusterReadinessCheck(tags: [Ready])
            .WithHealthCheck(Database, (_, _, ct) => DatabaseAsync(storage, ct), tags: [Ready], timeout: DatabaseTimeout);

    private static async Task<HealthCheckResult> DatabaseAsync(StorageLayout storage, CancellationToken ct)
    {
        try
        {
            await using DbConnection connection = storage.UsesPostgres
                ? new NpgsqlConnection(storage.ViewsConnectionString)
                : new SqliteConnection(storage.ViewsConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the {(storage.UsesPostgres ? "PostgreSQL" : "SQLite")} database does not answer: {e.Message}");
        }
    }
}
