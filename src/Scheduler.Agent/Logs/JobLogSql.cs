namespace Scheduler.Agent.Logs;

/// <summary>The log store's SQL, shared by SQLite and PostgreSQL; only the binary column type differs.</summary>
internal static class JobLogSql
{
    private const string LogLength =
        "COALESCE((SELECT end_offset FROM job_log_chunks WHERE job_id = @job ORDER BY start_offset DESC LIMIT 1), 0)";

    public static string Schema(string binaryType) => $"""
        CREATE TABLE IF NOT EXISTS job_log_chunks (
            job_id TEXT NOT NULL,
            start_offset BIGINT NOT NULL,
            end_offset BIGINT NOT NULL,
            stream SMALLINT NOT NULL,
            data {binaryType} NOT NULL,
            step_index INTEGER NULL,
            stream_end BIGINT NULL,
            PRIMARY KEY (job_id, start_offset));
        CREATE TABLE IF NOT EXISTS job_log_steps (
            job_id TEXT NOT NULL,
            step_index INTEGER NOT NULL,
            name TEXT NOT NULL,
            start_offset BIGINT NOT NULL,
            end_offset BIGINT NULL,
            exit_code INTEGER NULL,
            PRIMARY KEY (job_id, step_index));
        CREATE TABLE IF NOT EXISTS job_log_completions (
            job_id TEXT NOT NULL PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS job_log_dropped (
            job_id TEXT NOT NULL,
            step_index INTEGER NOT NULL,
            stream SMALLINT NOT NULL,
            stream_end BIGINT NOT NULL,
            PRIMARY KEY (job_id, step_index, stream));
        """;

    public const string Length = $"SELECT {LogLength}";

    /// <summary>
    /// Inserts only when <c>@offset</c> is the current end; the key (job, offset) fences concurrent writers. A step's
    /// output carries, in the same row, how far into the step's stream file it has consumed (<c>stream_end</c>).
    /// </summary>
    public const string AppendAt = $"""
        INSERT INTO job_log_chunks (job_id, start_offset, end_offset, stream, data, step_index, stream_end)
        SELECT @job, @offset, @end, @stream, @data, @step, @streamEnd
        WHERE {LogLength} = @offset
        ON CONFLICT (job_id, start_offset) DO NOTHING
        """;

    /// <summary>Chunks overlapping <c>[@from, …)</c>, starting with the one that contains <c>@from</c>.</summary>
    public const string ReadFrom = """
        SELECT start_offset, stream, data FROM job_log_chunks
        WHERE job_id = @job
          AND start_offset >= (SELECT COALESCE(MAX(start_offset), 0) FROM job_log_chunks WHERE job_id = @job AND start_offset <= @from)
          AND end_offset > @from
        ORDER BY start_offset
        LIMIT @limit
        """;

    /// <summary>How far each of a step's stream files has been consumed, from the rows that stored its bytes and from its dropped bytes.</summary>
    public const string StepStreamEnds = """
        SELECT stream, MAX(stream_end) FROM (
            SELECT stream, stream_end FROM job_log_chunks WHERE job_id = @job AND step_index = @step
            UNION ALL
            SELECT stream, stream_end FROM job_log_dropped WHERE job_id = @job AND step_index = @step) AS ends
        GROUP BY stream
        """;

    /// <summary>Output past the job's limit was dropped up to <c>@streamEnd</c> of the step's stream file; only ever moves forward.</summary>
    public const string Dropped = """
        INSERT INTO job_log_dropped (job_id, step_index, stream, stream_end) VALUES (@job, @step, @stream, @streamEnd)
        ON CONFLICT (job_id, step_index, stream) DO UPDATE SET stream_end = excluded.stream_end
        WHERE excluded.stream_end > job_log_dropped.stream_end
        """;

    public const string IsTruncated = "SELECT COUNT(*) FROM job_log_dropped WHERE job_id = @job";

    public const string StepStarted = $"""
        INSERT INTO job_log_steps (job_id, step_index, name, start_offset)
        VALUES (@job, @step, @name, {LogLength})
        ON CONFLICT (job_id, step_index) DO NOTHING
        """;

    public const string StepFinished = $"""
        UPDATE job_log_steps SET end_offset = {LogLength}, exit_code = @exit
        WHERE job_id = @job AND step_index = @step AND end_offset IS NULL
        """;

    public const string Steps =
        "SELECT step_index, name, start_offset, end_offset, exit_code FROM job_log_steps WHERE job_id = @job ORDER BY step_index";

    public const string Complete = "INSERT INTO job_log_completions (job_id) VALUES (@job) ON CONFLICT (job_id) DO NOTHING";

    public const string IsComplete = "SELECT COUNT(*) FROM job_log_completions WHERE job_id = @job";
}
