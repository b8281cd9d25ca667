using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Agent.Hosting;

namespace Scheduler.Agent.Tests.Hosting;

public sealed class ReplicaHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ReplicaHostFixture _replica = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _replica.DisposeAsync().AsTask();

    [Fact]
    public async Task A_one_node_cluster_comes_up_with_the_configured_settings()
    {
        var host = await _replica.StartAsync((_, _) => { });
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var cluster = Cluster.Get(system);
            Assert.Equal(MemberStatus.Up, cluster.SelfMember.Status);
            Assert.Single(cluster.State.Members);

            var config = system.Settings.Config;
            Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
            Assert.True(config.GetBoolean("akka.cluster.sharding.remember-entities"));
            Assert.Equal("eventsourced", config.GetString("akka.cluster.sharding.remember-entities-store"));
            Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
            Assert.Contains(Path.Combine(_replica.DataDirectory, "journal.db"), config.GetString("akka.persistence.journal.sql.connection-string"));
        }
        finally
        {
            await ReplicaHostFixture.StopAsync(host);
        }
    }

    [Fact]
    public async Task A_persistent_actor_recovers_its_state_after_the_host_restarts()
    {
        static void AddCounter(AkkaConfigurationBuilder builder, IServiceProvider _) =>
            builder.WithActors((system, registry) =>
                registry.Register<TestCounter>(system.ActorOf(Props.Create(() => new TestCounter("counter-1", null)), "counter")));

        var first = await _replica.StartAsync(AddCounter);
        var counter = await first.Services.GetRequiredService<ActorRegistry>().GetAsync<TestCounter>();
        for (var i = 0; i < 3; i++)
            await counter.Ask<TestCounter.Count>(new TestCounter.Increment(), Timeout);
        await ReplicaHostFixture.StopAsync(first);

        var second = await _replica.StartAsync(AddCounter);
        try
        {
            var recovered = await second.Services.GetRequiredService<ActorRegistry>().GetAsync<TestCounter>();
            Assert.Equal(3, (await recovered.Ask<TestCounter.Count>(new TestCounter.GetCount(), Timeout)).Value);
        }
        finally
        {
            await ReplicaHostFixture.StopAsync(second);
        }
    }

    [Fact]
    public async Task A_remembered_sharded_entity_restarts_by_itself_with_its_state()
    {
        var recoveries = new ConcurrentQueue<TestCounter.Count>();
        var recoveredAfterRestart = new TaskCompletionSource<TestCounter.Count>(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = false;
        void OnRecovered(TestCounter.Count count)
        {
            recoveries.Enqueue(count);
            if (Volatile.Read(ref restarted))
                recoveredAfterRestart.TrySetResult(count);
        }

        Action<TestCounter.Count> onRecovered = OnRecovered;
        void AddRegion(AkkaConfigurationBuilder builder, IServiceProvider _) =>
            builder.WithShardRegion<TestCounter>(
                "test-counter",
                entityId => Props.Create(() => new TestCounter("test-counter-" + entityId, onRecovered)),
                new TestCounterExtractor(SchedulerSharding.MaxNumberOfShards(builder)),
                SchedulerSharding.RememberedEntities());

        var first = await _replica.StartAsync(AddRegion);
        var region = await first.Services.GetRequiredService<ActorRegistry>().GetAsync<TestCounter>();
        await region.Ask<TestCounter.Count>(new TestCounterEnvelope("a", new TestCounter.Increment()), Timeout);
        var count = await region.Ask<TestCounter.Count>(new TestCounterEnvelope("a", new TestCounter.Increment()), Timeout);
        Assert.Equal(2, count.Value);
        await ReplicaHostFixture.StopAsync(first);

        Volatile.Write(ref restarted, true);
        var second = await _replica.StartAsync(AddRegion);
        try
        {
            // Nothing is sent to the entity: remember-entities starts it, and it recovers from the journal.
            Assert.Equal(new TestCounter.Count("test-counter-a", 2), await recoveredAfterRestart.Task.WaitAsync(Timeout));
        }
        finally
        {
            await ReplicaHostFixture.StopAsync(second);
        }
    }
}
