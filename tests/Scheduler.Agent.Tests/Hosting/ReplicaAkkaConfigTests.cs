using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Hosting;

namespace Scheduler.Agent.Tests.Hosting;

/// <summary>What the persistence plugins look like in a started replica's actor system, where
/// Akka.Persistence.Sql.Hosting's options, the storage tuning and the agent config meet.</summary>
public sealed class ReplicaAkkaConfigTests : IAsyncLifetime
{
    private readonly ReplicaHostFixture _replica = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _replica.DisposeAsync().AsTask();

    [Fact]
    public async Task SQLite_keeps_journal_and_snapshots_in_separate_files_and_writes_the_journal_with_parallelism_1()
    {
        var config = await StartedConfigAsync();

        var journal = Path.Combine(_replica.DataDirectory, "journal.db");
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
        Assert.Equal($"Data Source={journal}", config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal($"Data Source={journal}", config.GetString("akka.persistence.query.journal.sql.connection-string"));
        Assert.Equal($"Data Source={Path.Combine(_replica.DataDirectory, "snapshots.db")}", config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal("akka.persistence.snapshot-store.sql", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
        Assert.True(config.GetBoolean("akka.persistence.journal.sql.auto-initialize"));
    }

    [Fact]
    public async Task Akka_settings_from_the_agent_config_win_over_the_plugin_options_and_the_tuning()
    {
        var config = await StartedConfigAsync(new System.Collections.Hashtable { ["SCHED_akka__persistence__journal__sql__parallelism"] = "2" });

        Assert.Equal(2, config.GetInt("akka.persistence.journal.sql.parallelism"));
    }

    [Fact]
    public void PostgreSQL_uses_one_connection_string_for_journal_and_snapshots()
    {
        var storage = new StorageLayout("/data/sched", "Host=db;Database=sched;Username=u");

        Assert.Equal(SqlPersistencePlugins.PostgresProvider, SqlPersistencePlugins.Journal(storage).ProviderName);
        Assert.Equal(storage.PostgresConnectionString, SqlPersistencePlugins.Journal(storage).ConnectionString);
        Assert.Equal(storage.PostgresConnectionString, SqlPersistencePlugins.Snapshots(storage).ConnectionString);
        Assert.True(SqlPersistencePlugins.Tuning(storage).IsEmpty);
    }

    private async Task<Akka.Configuration.Config> StartedConfigAsync(System.Collections.IDictionary? environment = null)
    {
        var host = await _replica.StartAsync((_, _) => { }, environment);
        try
        {
            return host.Services.GetRequiredService<ActorSystem>().Settings.Config;
        }
        finally
        {
            await ReplicaHostFixture.StopAsync(host);
        }
    }
}
