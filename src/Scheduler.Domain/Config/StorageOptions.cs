using System.Text;

namespace Scheduler.Domain.Config;

/// <summary>The <c>storage.*</c> section: where the journal, snapshots and job logs live, and the key that seals task secrets.</summary>
public sealed record StorageOptions
{
    /// <summary>Length of <see cref="SecretsKey"/> once decoded: an AES-256 key.</summary>
    public const int SecretsKeyBytes = 32;

    /// <summary>Directory of the SQLite files (journal, snapshots, logs). Created on start.</summary>
    public string DataDirectory { get; init; } = ".sched-data";

    /// <summary>When set, PostgreSQL replaces SQLite; required for more than one replica.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>
    /// Base64 of <see cref="SecretsKeyBytes"/> random bytes that encrypt task secrets in the journal. Required with
    /// PostgreSQL (every replica needs the same key); on SQLite, unset means a key file in <see cref="DataDirectory"/>.
    /// </summary>
    public string? SecretsKey { get; init; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>The decoded <see cref="SecretsKey"/>, or null when it is unset or not <see cref="SecretsKeyBytes"/> bytes of base64.</summary>
    public byte[]? SecretsKeyValue()
    {
        var buffer = new byte[SecretsKeyBytes + 3];
        return SecretsKey is not null && Convert.TryFromBase64String(SecretsKey.Trim(), buffer, out var length) && length == SecretsKeyBytes
            ? buffer[..SecretsKeyBytes]
            : null;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"DataDirectory = {DataDirectory}, UsesPostgres = {UsesPostgres}, SecretsKey = {(SecretsKey is null ? "(unset)" : "********")}");
        return true;
    }
}
