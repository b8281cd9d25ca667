using Microsoft.Data.Sqlite;
using Scheduler.Agent.Logs;

namespace Scheduler.Agent.Tests.Logs;

public sealed class SqliteJobLogStoreTests : JobLogStoreContract
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sched-logs-");

    private string ConnectionString => $"Data Source={Path.Combine(_directory.FullName, "logs.db")}";

    protected override Task<SqlJobLogStore> CreateStoreAsync() => Task.FromResult<SqlJobLogStore>(new SqliteJobLogStore(ConnectionString));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task The_log_survives_a_new_store_on_the_same_file()
    {
        await Store.MarkStepStartedAsync("job-d", 0, "only");
        await Store.AppendAsync("job-d", LogStream.Stdout, Bytes("kept"));
        await Store.CompleteAsync("job-d");

        await using var reopened = new SqliteJobLogStore(ConnectionString);

        Assert.Equal("kept", Text(await reopened.ReadAsync("job-d", 0, 100)));
        Assert.True(await reopened.IsCompleteAsync("job-d"));
        Assert.Equal("only", Assert.Single(await reopened.StepsAsync("job-d")).Name);
    }
}
