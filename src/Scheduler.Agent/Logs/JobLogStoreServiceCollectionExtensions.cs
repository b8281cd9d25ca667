using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Hosting;

namespace Scheduler.Agent.Logs;

public static class JobLogStoreServiceCollectionExtensions
{
    /// <summary>Registers the replica's <see cref="IJobLogStore"/>: PostgreSQL when configured, else <c>logs.db</c> in the data directory.</summary>
    public static IServiceCollection AddJobLogStore(this IServiceCollection services, StorageLayout storage) =>
        services.AddSingleton<IJobLogStore>(_ => storage.UsesPostgres
            ? new PostgresJobLogStore(storage.LogsConnectionString)
            : new SqliteJobLogStore(storage.LogsConnectionString));
}
