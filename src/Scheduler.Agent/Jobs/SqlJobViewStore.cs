using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Scheduler.Agent.Hosting;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// <see cref="IJobViewStore"/> in one table. The SQL is the common subset of SQLite and PostgreSQL
/// (text timestamps in ISO-8601, which sort correctly), so one class serves both.
/// </summary>
public sealed class SqlJobViewStore : IJobViewStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Func<DbConnection> _connect;
    private readonly SemaphoreSlim? _writeGate;
    private readonly ILogger _logger;

    /// <param name="writeGate">Serialises writes where the database allows one writer (SQLite); null for PostgreSQL.</param>
    public SqlJobViewStore(Func<DbConnection> connect, SemaphoreSlim? writeGate, ILogger<SqlJobViewStore> logger)
    {
        _connect = connect;
        _writeGate = writeGate;
        _logger = logger;
        using var connection = Open();
        SchemaDdl.ExecuteAsync(connection, Schema).GetAwaiter().GetResult();
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS job_views (
            job_id TEXT PRIMARY KEY,
            resource_class TEXT NOT NULL,
            state TEXT NOT NULL,
            version BIGINT NOT NULL,
            submitted_at TEXT NOT NULL,
            view_json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS job_views_by_class ON job_views (resource_class, submitted_at);
        """;

    public Task StoreAsync(JobView view, long version, CancellationToken ct = default) =>
        _writeGate.WriteAsync(() => UpsertAsync(view, version, ct), ct);

    private async Task UpsertAsync(JobView view, long version, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO job_views (job_id, resource_class, state, version, submitted_at, view_json)
            VALUES (@id, @class, @state, @version, @submitted, @json)
            ON CONFLICT (job_id) DO UPDATE SET
                state = excluded.state, version = excluded.version, view_json = excluded.view_json
            WHERE job_views.version < excluded.version
            """;
        Add(command, "id", view.Id);
        Add(command, "class", view.ResourceClass);
        Add(command, "state", view.State);
        Add(command, "version", version);
        Add(command, "submitted", view.SubmittedAt.UtcDateTime.ToString("O"));
        Add(command, "json", JsonSerializer.Serialize(view, Json));
        await command.ExecuteNonQueryAsync(ct);
    }

    // Off the caller's thread: the ADO.NET providers' async calls may complete synchronously, and the caller is an actor.
    public void Publish(JobView view, long version) =>
        Task.Run(() => StoreAsync(view, version)).ContinueWith(
            t => _logger.LogWarning(t.Exception, "storing the view of job {JobId} failed", view.Id),
            TaskContinuationOptions.OnlyOnFaulted);

    public async Task<JobView?> GetAsync(string jobId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT view_json FROM job_views WHERE job_id = @id";
        Add(command, "id", jobId);
        return await command.ExecuteScalarAsync(ct) is string json ? JsonSerializer.Deserialize<JobView>(json, Json) : null;
    }

    public async Task<IReadOnlyList<JobView>> ListAsync(JobQuery query, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT view_json FROM job_views
            WHERE (@state IS NULL OR state = @state) AND (@class IS NULL OR resource_class = @class)
            ORDER BY submitted_at DESC, job_id DESC
            LIMIT @limit
            """;
        Add(command, "state", query.State);
        Add(command, "class", query.ResourceClass);
        Add(command, "limit", query.Limit);
        var views = new List<JobView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            views.Add(JsonSerializer.Deserialize<JobView>(reader.GetString(0), Json)!);
        return views;
    }

    private DbConnection Open()
    {
        var connection = _connect();
        connection.Open();
        return connection;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = _connect();
        await connection.OpenAsync(ct);
        return connection;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null or string)
            parameter.DbType = System.Data.DbType.String; // PostgreSQL cannot infer the type of a null
        command.Parameters.Add(parameter);
    }
}
