using System.Diagnostics;
using Npgsql;
using Scheduler.Agent.Logs;
using Scheduler.Agent.Tests.Support;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.Logs;

/// <summary>
/// The store contract on PostgreSQL, plus what sharing it means: a second store on the same database plays another
/// replica, and a change made through one wakes the waiters of the other (LISTEN/NOTIFY), also after the other's
/// listening connection was killed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJobLogStoreTests(PostgresFixture postgres, ITestOutputHelper output) : JobLogStoreContract
{
    private string _database = "";

    protected override async Task<SqlJobLogStore> CreateStoreAsync()
    {
        _database = await postgres.CreateDatabaseAsync("logs");
        return new PostgresJobLogStore(_database);
    }

    [Fact]
    public async Task A_change_made_through_one_replica_wakes_a_waiter_on_another()
    {
        await using var other = new PostgresJobLogStore(_database);
        await AwaitListeningAsync(other, "job-x");

        var times = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            // Only a notification can complete it: the listener is connected, and nothing is written through `other`.
            var changed = other.ChangedAsync("job-x");
            var sent = Stopwatch.GetTimestamp();
            await Store.AppendAsync("job-x", LogStream.Stdout, Bytes($"line {i}\n"));
            await changed.WaitAsync(Timeout);
            times.Add(Stopwatch.GetElapsedTime(sent));
        }

        var completed = other.ChangedAsync("job-x");
        await Store.CompleteAsync("job-x");
        await completed.WaitAsync(Timeout);
        Assert.True(await other.IsCompleteAsync("job-x"));
        times.Sort();
        output.WriteLine($"append through one store until a waiter on the other wakes: median {times[times.Count / 2].TotalMilliseconds:0.0} ms, max {times[^1].TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task A_replica_whose_listening_connection_was_killed_listens_again()
    {
        await using var other = new PostgresJobLogStore(_database);
        await AwaitListeningAsync(other, "job-k");

        var woken = other.ChangedAsync("job-k");
        Assert.NotEqual(0, await KillListenersAsync());
        // The new connection wakes every waiter (whatever was sent meanwhile is lost), so this completes without a write.
        await woken.WaitAsync(Timeout);

        var changed = other.ChangedAsync("job-k");
        await Store.AppendAsync("job-k", LogStream.Stdout, Bytes("after the reconnect\n"));
        await changed.WaitAsync(Timeout);
    }

    /// <summary>
    /// Returns once <paramref name="store"/> hears changes: a waiter completes when its listener connects or when it
    /// receives a notification, and either means it is listening.
    /// </summary>
    private async Task AwaitListeningAsync(SqlJobLogStore store, string jobId)
    {
        var first = store.ChangedAsync(jobId);
        await Store.AppendAsync(jobId, LogStream.Stdout, Bytes("hello\n"));
        await first.WaitAsync(Timeout);
    }

    /// <summary>Terminates the listening connections on this test's database, as a failover or a network cut would.</summary>
    private async Task<int> KillListenersAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand("""
            SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = @name AND pid <> pg_backend_pid()
            """, connection);
        kill.Parameters.AddWithValue("name", PostgresLogListener.ApplicationName);
        return Convert.ToInt32(await kill.ExecuteScalarAsync());
    }
}
