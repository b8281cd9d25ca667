using Scheduler.Agent.Hosting;
using System.Data.Common;

namespace Scheduler.Agent.Logs;

/// <summary>
/// <see cref="IJobLogStore"/> over ADO.NET. Subclasses supply the connection and the binary column type;
/// the SQL is shared (<see cref="JobLogSql"/>).
/// </summary>
public abstract class SqlJobLogStore : IJobLogStore, IAsyncDisposable
{
    private const int MaxRowsPerRead = 1000;

    private readonly Lazy<Task> _schema;

    protected SqlJobLogStore() => _schema = new Lazy<Task>(CreateSchemaAsync);

    /// <summary>The column type for raw bytes (<c>BLOB</c>, <c>BYTEA</c>).</summary>
    protected abstract string BinaryType { get; }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct);

    /// <summary>Serialises this process's writes where the database allows only one writer (SQLite); null for none.</summary>
    protected virtual SemaphoreSlim? WriteGate => null;

    /// <summary>This process's followers, woken at each change of a job's log.</summary>
    protected LogAppendSignals Signals { get; } = new();

    /// <summary>Announces a stored change of the job's log, on the connection that wrote it.</summary>
    protected virtual Task PublishChangeAsync(DbConnection connection, string jobId, CancellationToken ct)
    {
        Signals.Pulse(jobId);
        return Task.CompletedTask;
    }

    /// <summary>Database-specific set-up before the tables are created.</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection) => Task.CompletedTask;

    public Task<LogAppendResult> AppendAsync(string jobId, long expectedOffset, LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        AppendAsync(jobId, expectedOffset, stream, data, source: null, ct);

    public Task<LogAppendResult> AppendAsync(
        string jobId, long expectedOffset, LogStream stream, ReadOnlyMemory<byte> data, StepStreamPosition? source, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedOffset);
        return WriteGate.WriteAsync(() => AppendAtAsync(jobId, expectedOffset, stream, data, source, ct), ct);
    }

    private async Task<LogAppendResult> AppendAtAsync(
        string jobId, long expectedOffset, LogStream stream, ReadOnlyMemory<byte> data, StepStreamPosition? source, CancellationToken ct)
    {
        var requested = (Offset: expectedOffset, End: expectedOffset + data.Length);
        await using var connection = await OpenAsync(ct);
        while (true)
        {
            var length = await LengthAsync(connection, jobId, ct);
            if (length >= expectedOffset + data.Length)
                return new LogAppendResult(requested.Offset, requested.End, Stored: false);
            if (length < expectedOffset)
                throw new LogGapException(jobId, expectedOffset, length);
            // A replay that reaches past what is stored keeps only the new tail.
            data = data[(int)(length - expectedOffset)..];
            expectedOffset = length;
            if (await InsertChunkAsync(connection, jobId, expectedOffset, stream, data, source, ct))
            {
                await PublishChangeAsync(connection, jobId, ct);
                return new LogAppendResult(requested.Offset, requested.End, Stored: true);
            }
            // Another writer appended first; look at the new end and decide again.
        }
    }

    public Task<LogAppendResult> AppendAsync(string jobId, LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        WriteGate.WriteAsync(() => AppendAtEndAsync(jobId, stream, data, ct), ct);

    private async Task<LogAppendResult> AppendAtEndAsync(string jobId, LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        while (true)
        {
            var offset = await LengthAsync(connection, jobId, ct);
            if (data.IsEmpty)
                return new LogAppendResult(offset, offset, Stored: false);
            if (await InsertChunkAsync(connection, jobId, offset, stream, data, source: null, ct))
            {
                await PublishChangeAsync(connection, jobId, ct);
                return new LogAppendResult(offset, offset + data.Length, Stored: true);
            }
        }
    }

    public async Task<long> LengthAsync(string jobId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await LengthAsync(connection, jobId, ct);
    }

    public async Task<IReadOnlyList<LogChunk>> ReadAsync(string jobId, long fromOffset, int maxBytes, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, JobLogSql.ReadFrom, ("job", jobId), ("from", fromOffset), ("limit", MaxRowsPerRead));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var chunks = new List<LogChunk>();
        var remaining = maxBytes;
        while (remaining > 0 && await reader.ReadAsync(ct))
        {
            var start = reader.GetInt64(0);
            var bytes = (byte[])reader.GetValue(2);
            var skip = (int)Math.Max(0, fromOffset - start);
            var take = Math.Min(bytes.Length - skip, remaining);
            chunks.Add(new LogChunk(start + skip, (LogStream)Convert.ToInt32(reader.GetValue(1)), bytes.AsMemory(skip, take)));
            remaining -= take;
        }

        return chunks;
    }

    public Task ChangedAsync(string jobId, CancellationToken ct = default) => Signals.Next(jobId).WaitAsync(ct);

    public Task MarkStepStartedAsync(string jobId, int stepIndex, string name, CancellationToken ct = default) =>
        ExecuteWriteAsync(jobId, JobLogSql.StepStarted, ct, ("step", stepIndex), ("name", name));

    public Task MarkStepFinishedAsync(string jobId, int stepIndex, int exitCode, CancellationToken ct = default) =>
        ExecuteWriteAsync(jobId, JobLogSql.StepFinished, ct, ("step", stepIndex), ("exit", exitCode));

    public async Task<(long Stdout, long Stderr)> StepStreamEndsAsync(string jobId, int stepIndex, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, JobLogSql.StepStreamEnds, ("job", jobId), ("step", stepIndex));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var (stdout, stderr) = (0L, 0L);
        while (await reader.ReadAsync(ct))
        {
            var end = reader.IsDBNull(1) ? 0 : Convert.ToInt64(reader.GetValue(1));
            if ((LogStream)Convert.ToInt32(reader.GetValue(0)) == LogStream.Stderr) stderr = end;
            else stdout = end;
        }
        return (stdout, stderr);
    }

    public Task MarkDroppedAsync(string jobId, LogStream stream, StepStreamPosition source, CancellationToken ct = default) =>
        WriteGate.WriteAsync(async () =>
        {
            await using var connection = await OpenAsync(ct);
            await using var command = Command(connection, JobLogSql.Dropped,
                ("job", jobId), ("step", source.StepIndex), ("stream", (short)stream), ("streamEnd", source.StreamEnd));
            await command.ExecuteNonQueryAsync(ct);
        }, ct);

    public async Task<bool> IsTruncatedAsync(string jobId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, JobLogSql.IsTruncated, ("job", jobId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0;
    }

    public async Task<IReadOnlyList<LogStep>> StepsAsync(string jobId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, JobLogSql.Steps, ("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var steps = new List<LogStep>();
        while (await reader.ReadAsync(ct))
            steps.Add(new LogStep(
                Convert.ToInt32(reader.GetValue(0)),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : Convert.ToInt32(reader.GetValue(4))));
        return steps;
    }

    public Task CompleteAsync(string jobId, CancellationToken ct = default) => ExecuteWriteAsync(jobId, JobLogSql.Complete, ct);

    private Task ExecuteWriteAsync(string jobId, string sql, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        WriteGate.WriteAsync(async () =>
        {
            await using var connection = await OpenAsync(ct);
            await using var command = Command(connection, sql, [("job", jobId), .. parameters]);
            await command.ExecuteNonQueryAsync(ct);
            await PublishChangeAsync(connection, jobId, ct);
        }, ct);

    public async Task<bool> IsCompleteAsync(string jobId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, JobLogSql.IsComplete, ("job", jobId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0;
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        await _schema.Value.WaitAsync(ct);
        return await OpenConnectionAsync(ct);
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenConnectionAsync(CancellationToken.None);
        await PrepareDatabaseAsync(connection);
        await SchemaDdl.ExecuteAsync(connection, JobLogSql.Schema(BinaryType));
    }

    private static async Task<bool> InsertChunkAsync(
        DbConnection connection, string jobId, long offset, LogStream stream, ReadOnlyMemory<byte> data, StepStreamPosition? source, CancellationToken ct)
    {
        await using var command = Command(connection, JobLogSql.AppendAt,
            ("job", jobId), ("offset", offset), ("end", offset + data.Length), ("stream", (short)stream), ("data", data.ToArray()),
            ("step", source is null ? DBNull.Value : source.StepIndex), ("streamEnd", source is null ? DBNull.Value : source.StreamEnd));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    private static async Task<long> LengthAsync(DbConnection connection, string jobId, CancellationToken ct)
    {
        await using var command = Command(connection, JobLogSql.Length, ("job", jobId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
