using System.Data.Common;
using Npgsql;

namespace Scheduler.Agent.Logs;

/// <summary>Job logs in PostgreSQL, shared by all replicas.</summary>
public sealed class PostgresJobLogStore(string connectionString) : SqlJobLogStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override string BinaryType => "BYTEA";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct) =>
        await _dataSource.OpenConnectionAsync(ct);

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
