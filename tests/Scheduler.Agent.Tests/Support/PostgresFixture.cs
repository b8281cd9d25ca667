using System.Collections;
using System.Security.Cryptography;
using Scheduler.Tests.Shared;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// A real PostgreSQL 15 server for the tests of one xunit collection (a <see cref="ThrowawayPostgres"/>: temp dir,
/// trust auth, loopback only on a free port). Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private ThrowawayPostgres? _server;

    private ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("the PostgreSQL server has not started");

    public async Task InitializeAsync() => _server = await ThrowawayPostgres.StartAsync();

    /// <summary>An agent's environment for a fresh database: its connection string and the secrets key PostgreSQL requires.</summary>
    public async Task<Hashtable> AgentEnvironmentAsync(string prefix) => new()
    {
        ["SCHED_POSTGRES"] = await CreateDatabaseAsync(prefix),
        ["SCHED_SECRETS_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>Creates a fresh database and returns its connection string, so test classes do not share tables.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test") => Server.CreateDatabaseAsync(prefix);

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

/// <summary>The tests that share one <see cref="PostgresFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
