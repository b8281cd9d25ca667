using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Storage;

/// <summary>
/// Replicas starting at once each create the job views and logs tables in the shared PostgreSQL database; every one
/// of them must start, however their DDL interleaves.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConcurrentSchemaCreationTests(PostgresFixture postgres)
{
    private const int Replicas = 8;

    [Fact]
    public async Task Eight_replicas_creating_the_schema_at_once_on_a_fresh_database_all_succeed()
    {
        var database = await postgres.CreateDatabaseAsync("ddl");
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var starts = Enumerable.Range(0, Replicas).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            await Task.WhenAll(StartViewStoreAsync(database), StartLogStoreAsync(database));
        })).ToList();
        go.SetResult();
        await Task.WhenAll(starts).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(["job_log_chunks", "job_log_completions", "job_log_dropped", "job_log_steps", "job_views"], await TablesAsync(database));
    }

    private static Task StartViewStoreAsync(string database) => Task.Run(async () =>
    {
        var views = new SqlJobViewStore(() => new NpgsqlConnection(database), writeGate: null, NullLogger<SqlJobViewStore>.Instance);
        Assert.Null(await views.GetAsync("none"));
    });

    private static async Task StartLogStoreAsync(string database)
    {
        await using var logs = new PostgresJobLogStore(database);
        Assert.Equal(0, await logs.LengthAsync("none"));
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables;
    }
}
