using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Scheduler.Agent.Logs;

/// <summary>
/// Job logs in PostgreSQL, shared by all replicas. Every write also sends a notification on
/// <see cref="PostgresLogListener.Channel"/>, so followers on every replica wake, not only this one's.
/// </summary>
public sealed class PostgresJobLogStore : SqlJobLogStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresLogListener _listener;
    private readonly ILogger _logger;

    public PostgresJobLogStore(string connectionString, ILogger<PostgresJobLogStore>? logger = null)
    {
        _logger = logger ?? NullLogger<PostgresJobLogStore>.Instance;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _listener = new PostgresLogListener(connectionString, Signals, _logger);
    }

    protected override string BinaryType => "BYTEA";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct) =>
        await _dataSource.OpenConnectionAsync(ct);

    protected override async Task PublishChangeAsync(DbConnection connection, string jobId, CancellationToken ct)
    {
        await base.PublishChangeAsync(connection, jobId, ct);
        try
        {
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @job)", (NpgsqlConnection)connection);
            notify.Parameters.AddWithValue("channel", PostgresLogListener.Channel);
            notify.Parameters.AddWithValue("job", jobId);
            await notify.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException e)
        {
            // The write is stored; other replicas' followers find it on their next poll.
            _logger.LogWarning(e, "notifying the other replicas of a change to job {JobId}'s log failed", jobId);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
