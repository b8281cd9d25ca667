using k8s.Models;
using Scheduler.LocalKube.Lifecycle;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Store;
using Xunit;

namespace Scheduler.LocalKube.Tests.Lifecycle;

/// <summary>EventExpiry against the store with a hand-driven clock; sweeps are called directly.</summary>
public sealed class EventExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);
    private readonly ObjectStore _store = new(historySize: 100);
    private readonly ManualClock _clock = new();
    private EventExpiry _expiry = null!;

    public Task InitializeAsync()
    {
        _expiry = new EventExpiry(_store, Ttl, _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _expiry.DisposeAsync();

    [Fact]
    public void An_event_is_removed_once_the_ttl_has_passed_since_it_was_created()
    {
        _store.Create(ResourceCatalog.Events, Event("e1"));

        _clock.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.Equal(0, _expiry.Sweep());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _expiry.Sweep());

        Assert.Null(_store.Find(ResourceCatalog.Events, "default", "e1"));
        Assert.Equal(0, _expiry.Tracked);
    }

    [Fact]
    public void An_update_renews_the_ttl()
    {
        _store.Create(ResourceCatalog.Events, Event("e1"));
        _clock.Advance(TimeSpan.FromMinutes(50));
        _store.Update<Corev1Event>(ResourceCatalog.Events, "default", "e1", e => (e.Count = 2) > 0);

        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(0, _expiry.Sweep());
        _clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(1, _expiry.Sweep());
    }

    [Fact]
    public void A_deleted_event_is_forgotten_and_a_recreated_one_with_the_same_name_gets_its_own_ttl()
    {
        _store.Create(ResourceCatalog.Events, Event("e1"));
        _store.Remove(ResourceCatalog.Events, "default", "e1");
        Assert.Equal(0, _expiry.Tracked);

        _clock.Advance(TimeSpan.FromMinutes(30));
        _store.Create(ResourceCatalog.Events, Event("e1"));
        _clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(0, _expiry.Sweep());
        Assert.NotNull(_store.Find(ResourceCatalog.Events, "default", "e1"));
    }

    [Fact]
    public void Other_kinds_never_expire()
    {
        _store.Create(ResourceCatalog.Secrets, new V1Secret { Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = "default" } });
        _clock.Advance(Ttl * 2);

        Assert.Equal(0, _expiry.Sweep());
        Assert.NotNull(_store.Find(ResourceCatalog.Secrets, "default", "s"));
    }

    [Theory]
    [InlineData(3600, 60)]
    [InlineData(1, 0.1)]
    [InlineData(0.05, 0.02)]
    public void Sweeps_run_every_tenth_of_the_ttl_between_20_ms_and_a_minute(double ttlSeconds, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), EventExpiry.SweepInterval(TimeSpan.FromSeconds(ttlSeconds)));
    }

    private static Corev1Event Event(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "p", NamespaceProperty = "default" },
        Reason = "Probe",
    };

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
