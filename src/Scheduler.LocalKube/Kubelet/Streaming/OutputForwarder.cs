using System.Runtime.ExceptionServices;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>
/// Sends a process's output to the socket on the right channel. When the socket fails (client gone, cut fault)
/// it calls <c>onFailure</c> once (kill the process) and discards the rest, so the pipes keep draining.
/// </summary>
public sealed class OutputForwarder(ChannelSocket socket, StreamRequest request, Action onFailure)
{
    private volatile Exception? _failure;

    public async ValueTask ForwardAsync(string stream, ReadOnlyMemory<byte> data)
    {
        if (_failure is not null)
            return;
        // With a TTY the real runtime has a single output stream: stderr arrives on stdout.
        var channel = stream == "stderr" && !request.Tty ? ChannelProtocol.Stderr : ChannelProtocol.Stdout;
        if (!(channel == ChannelProtocol.Stdout ? request.Stdout : request.Stderr))
            return;
        try
        {
            await socket.SendOutputAsync(channel, data);
        }
        catch (Exception e)
        {
            _failure ??= e;
            onFailure();
        }
    }

    public void ThrowIfFailed()
    {
        if (_failure is { } failure)
            ExceptionDispatchInfo.Throw(failure);
    }
}
