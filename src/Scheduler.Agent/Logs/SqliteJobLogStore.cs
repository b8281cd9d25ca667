using System.Data.Common;
using Microsoft.Data.Sqlite;
using Scheduler.Agent.Hosting;

namespace Scheduler.Agent.Logs;

/// <summary>Job logs in a SQLite file (the replica's <c>logs.db</c>), in WAL mode so readers never block the writer.</summary>
public sealed class SqliteJobLogStore(string connectionString) : SqlJobLogStore
{
    protected override string BinaryType => "BLOB";

    protected override SemaphoreSlim WriteGate { get; } = SqliteWriteGate.For(connectionString);

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    protected override async Task PrepareDatabaseAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync();
    }
}
