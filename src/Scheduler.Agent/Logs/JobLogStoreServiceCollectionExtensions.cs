using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Agent.Hosting;

namespace Scheduler.Agent.Logs;

public static class JobLogStoreServiceCollectionExtensions
{
    /// <summary>Registers the replica's <see cref="IJobLogStore"/>: PostgreSQL when configured, else <c>logs.db</c> in the data directory.</summary>
    public static IServiceCollection AddJobLogStore(this IServiceCollection services, StorageLayout storage) =>
        services.AddSingleton<IJobLogStore>(sp => storage.UsesPostgres
            ? new PostgresJobLogStore(storage.LogsConnectionString, sp.GetRequiredService<ILogger<PostgresJobLogStore>>())
            : new SqliteJobLogStore(storage.LogsConnectionString));
}
