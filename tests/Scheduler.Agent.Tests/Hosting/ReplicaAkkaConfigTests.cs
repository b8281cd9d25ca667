using Scheduler.Agent.Config;
using Scheduler.Agent.Hosting;

namespace Scheduler.Agent.Tests.Hosting;

public class ReplicaAkkaConfigTests
{
    private static readonly Akka.Configuration.Config Loaded = SchedulerConfigLoader.Load(environment: new System.Collections.Hashtable()).Hocon;

    [Fact]
    public void SQLite_keeps_journal_and_snapshots_in_separate_files_of_the_data_directory()
    {
        var config = ReplicaAkkaConfig.Build(Loaded, new StorageLayout("/data/sched", null));

        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("Data Source=/data/sched/journal.db", config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal("Data Source=/data/sched/journal.db", config.GetString("akka.persistence.query.journal.sql.connection-string"));
        Assert.Equal("Data Source=/data/sched/snapshots.db", config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
    }

    [Fact]
    public void PostgreSQL_uses_one_connection_string_for_everything()
    {
        const string connection = "Host=db;Database=sched;Username=u";

        var config = ReplicaAkkaConfig.Build(Loaded, new StorageLayout("/data/sched", connection));

        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
        Assert.Equal(connection, config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(connection, config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
    }

    [Fact]
    public void Akka_settings_from_the_agent_config_file_win_over_the_persistence_defaults()
    {
        var loaded = SchedulerConfigLoader.Load(environment: new System.Collections.Hashtable { ["SCHED_akka__persistence__journal__sql__parallelism"] = "2" }).Hocon;

        Assert.Equal(2, ReplicaAkkaConfig.Build(loaded, new StorageLayout("/d", null)).GetInt("akka.persistence.journal.sql.parallelism"));
    }
}
