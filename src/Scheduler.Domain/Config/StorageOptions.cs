namespace Scheduler.Domain.Config;

/// <summary>The <c>storage.*</c> section: where the journal, snapshots and job logs live.</summary>
public sealed record StorageOptions
{
    /// <summary>Directory of the SQLite files (journal, snapshots, logs). Created on start.</summary>
    public string DataDirectory { get; init; } = ".sched-data";

    /// <summary>When set, PostgreSQL replaces SQLite; required for more than one replica.</summary>
    public string? PostgresConnectionString { get; init; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
