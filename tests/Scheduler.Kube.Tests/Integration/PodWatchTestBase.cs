using System.Collections.Concurrent;
using Scheduler.Kube.Tests.Support;
using Scheduler.Kube.Watch;

namespace Scheduler.Kube.Tests.Integration;

/// <summary>A LocalKube plus a started-on-demand watch over this test's pods, recording every change it publishes.</summary>
public abstract class PodWatchTestBase : KubeTestCluster
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    protected ConcurrentQueue<PodChange> Changes { get; } = new();
    protected SharedPodWatch PodWatch { get; private set; } = null!;

    protected CancellationToken Timeout => _timeout.Token;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        PodWatch = new SharedPodWatch(Connection, ManagedSelector, new SharedPodWatchOptions
        {
            MinErrorBackoff = TimeSpan.FromMilliseconds(20),
            MaxErrorBackoff = TimeSpan.FromMilliseconds(200),
        });
        PodWatch.Subscribe(Changes.Enqueue);
    }

    public override async Task DisposeAsync()
    {
        await PodWatch.DisposeAsync();
        _timeout.Dispose();
        await base.DisposeAsync();
    }
}
