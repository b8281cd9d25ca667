using System.Data.Common;
using Npgsql;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// Runs the DDL that creates our own tables (job views, job logs). In PostgreSQL, <c>CREATE TABLE IF NOT EXISTS</c>
/// from replicas starting at once can fail with a unique violation on <c>pg_type</c>, so there the DDL runs in a
/// transaction that first takes a fixed advisory lock: one replica creates the tables, the others wait for it and
/// then find them.
/// </summary>
internal static class SchemaDdl
{
    /// <summary>Any fixed number, the same for every replica and every table set.</summary>
    private const long AdvisoryLockKey = 0x5343_4845_445F_4444; // "SCHED_DD"

    public static async Task ExecuteAsync(DbConnection connection, string ddl, CancellationToken ct = default)
    {
        if (connection is not NpgsqlConnection)
        {
            await RunAsync(connection, null, ddl, ct);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await RunAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        await RunAsync(connection, transaction, ddl, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task RunAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
