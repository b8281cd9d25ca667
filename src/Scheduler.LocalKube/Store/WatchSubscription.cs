using System.Threading.Channels;

namespace Scheduler.LocalKube.Store;

/// <summary>A live feed of changes for one resource kind (and namespace), starting with its replayed backlog.</summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Channel<StoreChange> _channel = Channel.CreateUnbounded<StoreChange>();
    private readonly Action<WatchSubscription> _unsubscribe;

    public WatchSubscription(Func<StoreChange, bool> filter, Action<WatchSubscription> unsubscribe)
    {
        Filter = filter;
        _unsubscribe = unsubscribe;
    }

    public Func<StoreChange, bool> Filter { get; }

    public ChannelReader<StoreChange> Changes => _channel.Reader;

    /// <summary>The store version the backlog brings the watcher up to.</summary>
    public long StartVersion { get; set; }

    public void Offer(StoreChange change)
    {
        if (Filter(change)) _channel.Writer.TryWrite(change);
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
