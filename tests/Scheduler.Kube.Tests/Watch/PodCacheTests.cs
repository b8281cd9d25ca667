using k8s;
using k8s.Models;
using Scheduler.Kube.Watch;

namespace Scheduler.Kube.Tests.Watch;

public class PodCacheTests
{
    private static V1Pod Pod(string name, string rv, string phase = "Pending") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, ResourceVersion = rv },
        Status = new V1PodStatus { Phase = phase },
    };

    [Fact]
    public void Watch_events_add_modify_and_delete()
    {
        var cache = new PodCache();
        Assert.Equal(PodChangeKind.Added, cache.Apply(WatchEventType.Added, Pod("a", "1"))!.Kind);
        Assert.Equal(PodChangeKind.Modified, cache.Apply(WatchEventType.Modified, Pod("a", "2", "Running"))!.Kind);
        Assert.Equal("Running", cache.Get("a")!.Status.Phase);
        Assert.Equal(PodChangeKind.Deleted, cache.Apply(WatchEventType.Deleted, Pod("a", "3"))!.Kind);
        Assert.Null(cache.Get("a"));
        Assert.Null(cache.Apply(WatchEventType.Bookmark, Pod("a", "4")));
    }

    [Fact]
    public void A_resync_reports_exactly_the_differences()
    {
        var cache = new PodCache();
        cache.Replace([Pod("same", "1"), Pod("changed", "1"), Pod("gone", "1")]);

        var changes = cache.Replace([Pod("same", "1"), Pod("changed", "5"), Pod("new", "6")]);

        Assert.Equal(
            new[] { ("changed", PodChangeKind.Modified), ("gone", PodChangeKind.Deleted), ("new", PodChangeKind.Added) },
            changes.Select(c => (c.Name, c.Kind)).OrderBy(c => c.Name));
        Assert.Equal(["changed", "new", "same"], cache.Snapshot().Select(p => p.Metadata.Name).Order());
    }

    [Fact]
    public async Task A_wait_completes_at_once_when_the_cache_already_satisfies_it()
    {
        var cache = new PodCache();
        cache.Apply(WatchEventType.Added, Pod("a", "1", "Running"));
        var pod = await cache.WaitForAsync("a", p => p?.Status.Phase == "Running", CancellationToken.None);
        Assert.Equal("1", pod!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_wait_completes_on_the_change_that_satisfies_it()
    {
        var cache = new PodCache();
        var running = cache.WaitForAsync("a", p => p?.Status.Phase == "Running", CancellationToken.None);
        cache.Apply(WatchEventType.Added, Pod("a", "1"));
        Assert.False(running.IsCompleted);
        cache.Apply(WatchEventType.Modified, Pod("a", "2", "Running"));
        Assert.Equal("2", (await running)!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_wait_can_wait_for_the_pod_to_disappear()
    {
        var cache = new PodCache();
        cache.Apply(WatchEventType.Added, Pod("a", "1"));
        var gone = cache.WaitForAsync("a", p => p is null, CancellationToken.None);
        cache.Replace([]);
        Assert.Null(await gone);
    }

    [Fact]
    public async Task A_cancelled_wait_is_cancelled_and_forgotten()
    {
        var cache = new PodCache();
        using var cts = new CancellationTokenSource();
        var wait = cache.WaitForAsync("a", p => p is not null, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        cache.Apply(WatchEventType.Added, Pod("a", "1"));
    }

    [Fact]
    public async Task A_throwing_condition_faults_the_wait()
    {
        var cache = new PodCache();
        var wait = cache.WaitForAsync("a", p => p is null ? false : throw new InvalidOperationException("bad"), CancellationToken.None);
        cache.Apply(WatchEventType.Added, Pod("a", "1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => wait);
    }
}
