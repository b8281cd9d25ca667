using System.Collections;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Agent.Config;
using Scheduler.Agent.Hosting;

namespace Scheduler.Agent.Tests.Hosting;

/// <summary>Starts and stops replica hosts on one temp data directory, which is deleted on dispose.</summary>
public sealed class ReplicaHostFixture : IAsyncDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("sched-replica-");

    public string DataDirectory => _dataDirectory.FullName;

    public async Task<IHost> StartAsync(Action<AkkaConfigurationBuilder, IServiceProvider> configureActors, IDictionary? environment = null)
    {
        var variables = new Hashtable { ["SCHED_DATA_DIR"] = DataDirectory, ["SCHED_akka__loglevel"] = "WARNING" };
        foreach (DictionaryEntry entry in environment ?? new Hashtable())
            variables[entry.Key] = entry.Value;
        var loaded = SchedulerConfigLoader.Load(environment: variables);
        Assert.True(loaded.IsValid, loaded.Describe());

        var host = new HostBuilder()
            .ConfigureServices(services => services
                .AddSingleton<IHostLifetime, EmbeddedHostLifetime>()
                .AddSchedulerAkka(loaded.Options, loaded.Hocon, configureActors))
            .Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<ActorSystem>().WhenMemberUpAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return host;
    }

    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
