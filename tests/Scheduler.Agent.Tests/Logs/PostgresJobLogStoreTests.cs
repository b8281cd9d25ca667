using Scheduler.Agent.Logs;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Logs;

[Collection(PostgresCollection.Name)]
public sealed class PostgresJobLogStoreTests(PostgresFixture postgres) : JobLogStoreContract
{
    protected override async Task<SqlJobLogStore> CreateStoreAsync() =>
        new PostgresJobLogStore(await postgres.CreateDatabaseAsync("logs"));
}
