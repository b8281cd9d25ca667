using System.Threading.Channels;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>A chunk of a container's output: <c>stdout</c> or <c>stderr</c>.</summary>
public sealed record OutputChunk(string Stream, byte[] Data);

/// <summary>Fans a container's live output out to every attach session, from the moment each one subscribed.</summary>
public sealed class OutputBroadcast
{
    private readonly object _gate = new();
    private readonly List<Channel<OutputChunk>> _subscribers = [];
    private bool _completed;

    /// <summary>A reader that completes when the container's output ended.</summary>
    public ChannelReader<OutputChunk> Subscribe()
    {
        var channel = Channel.CreateUnbounded<OutputChunk>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            if (_completed)
                channel.Writer.TryComplete();
            else
                _subscribers.Add(channel);
        }
        return channel.Reader;
    }

    public void Unsubscribe(ChannelReader<OutputChunk> reader)
    {
        lock (_gate)
            _subscribers.RemoveAll(c => c.Reader == reader);
    }

    public void Publish(string stream, ReadOnlyMemory<byte> data)
    {
        lock (_gate)
        {
            if (_subscribers.Count == 0)
                return;
            var chunk = new OutputChunk(stream, data.ToArray());
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(chunk);
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryComplete();
            _subscribers.Clear();
        }
    }
}
