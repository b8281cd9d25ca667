using Akka.Cluster.Hosting;
using Akka.Event;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Serialization;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Hosting;

public static class SchedulerAkkaHostingExtensions
{
    public const string ActorSystemName = "scheduler";

    /// <summary>
    /// Registers the replica's actor system: config from <paramref name="hocon"/> (a
    /// <see cref="Config.LoadedConfig"/>'s, which wins), Akka.Persistence.Sql (through its Hosting options) on SQLite in the data directory or on
    /// PostgreSQL, remoting on <c>replica.hostname:port</c> and clustering with <c>replica.seedNodes</c>,
    /// or a one-node cluster joining itself when there are none. Task secrets in the journal are sealed with the
    /// key <see cref="SecretsKeyFile"/> resolves. Its log goes to Serilog (<see cref="ConsoleLogging"/>) from Info up;
    /// Serilog's own minimum decides what is written. <paramref name="configureActors"/> is where
    /// actors, shard regions and singletons are added (<c>builder.Add…()</c>).
    /// </summary>
    public static IServiceCollection AddSchedulerAkka(
        this IServiceCollection services,
        SchedulerOptions options,
        Akka.Configuration.Config hocon,
        Action<AkkaConfigurationBuilder, IServiceProvider>? configureActors = null)
    {
        var storage = StorageLayout.From(options.Storage);
        storage.Prepare();
        var secrets = new SecretsKeySetup(new SecretCipher(SecretsKeyFile.Resolve(options.Storage, storage)));
        return services.AddAkka(ActorSystemName, (builder, provider) =>
        {
            builder
                .WithSqlPersistence(SqlPersistencePlugins.Journal(storage), SqlPersistencePlugins.Snapshots(storage))
                .AddHocon(ReplicaAkkaConfig.Build(hocon, storage), HoconAddMode.Prepend)
                .AddSetup(secrets)
                .AddHocon($"akka.stdout-logger-class = \"{typeof(SerilogMinimalLogger).AssemblyQualifiedName}\"", HoconAddMode.Prepend)
                .ConfigureLoggers(loggers =>
                {
                    loggers.LogLevel = LogLevel.InfoLevel;
                    loggers.ClearLoggers();
                    loggers.AddSerilogLogging();
                })
                .WithRemoting(options.Replica.Hostname, options.Replica.Port)
                .WithClustering(new ClusterOptions { SeedNodes = options.Replica.SeedNodes.ToArray() })
                .WithSelfJoinWithoutSeeds(options.Replica);
            configureActors?.Invoke(builder, provider);
        });
    }

    private static AkkaConfigurationBuilder WithSelfJoinWithoutSeeds(this AkkaConfigurationBuilder builder, ReplicaOptions replica)
    {
        if (replica.SeedNodes.Count > 0)
            return builder;
        // Alone, every singleton lives in this process: a proxy misses it only while the node is still joining or
        // already leaving (a slow start, `sched run`'s shutdown), which is not worth a warning.
        return builder
            .AddHocon("akka.cluster.singleton-proxy.log-singleton-identification-failure = off", HoconAddMode.Prepend)
            .AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
    }
}
