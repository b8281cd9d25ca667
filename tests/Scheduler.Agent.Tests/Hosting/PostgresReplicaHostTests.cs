using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Hosting;

[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicaHostTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ReplicaHostFixture _replica = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _replica.DisposeAsync().AsTask();

    [Fact]
    public async Task With_a_connection_string_the_journal_is_PostgreSQL_and_survives_a_restart()
    {
        var environment = await postgres.AgentEnvironmentAsync("journal");
        static void AddCounter(AkkaConfigurationBuilder builder, IServiceProvider _) =>
            builder.WithActors((system, registry) =>
                registry.Register<TestCounter>(system.ActorOf(Props.Create(() => new TestCounter("pg-counter", null)), "counter")));

        var first = await _replica.StartAsync(AddCounter, environment);
        Assert.Equal("PostgreSQL.15", first.Services.GetRequiredService<ActorSystem>().Settings.Config.GetString("akka.persistence.journal.sql.provider-name"));
        var counter = await first.Services.GetRequiredService<ActorRegistry>().GetAsync<TestCounter>();
        await counter.Ask<TestCounter.Count>(new TestCounter.Increment(), Timeout);
        await counter.Ask<TestCounter.Count>(new TestCounter.Increment(), Timeout);
        await ReplicaHostFixture.StopAsync(first);

        var second = await _replica.StartAsync(AddCounter, environment);
        try
        {
            var recovered = await second.Services.GetRequiredService<ActorRegistry>().GetAsync<TestCounter>();
            Assert.Equal(2, (await recovered.Ask<TestCounter.Count>(new TestCounter.GetCount(), Timeout)).Value);
            Assert.False(File.Exists(Path.Combine(_replica.DataDirectory, "journal.db")));
        }
        finally
        {
            await ReplicaHostFixture.StopAsync(second);
        }
    }
}
