using System.Net.WebSockets;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>
/// The server side of a remote-command WebSocket: serialised channel writes, a receive loop that decodes frames,
/// the final status, the normal close, and the cut fault.
/// </summary>
public sealed class ChannelSocket(WebSocket socket, FrameLengthTap frames, ChannelProtocol protocol, StreamCut? cut)
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _sendGate = new(1, 1);

    public static async Task<ChannelSocket> AcceptAsync(HttpContext context, ChannelProtocol protocol, StreamCut? cut)
    {
        var (socket, frames) = await WebSocketUpgrade.AcceptAsync(context, protocol.Name);
        return new ChannelSocket(socket, frames, protocol, cut);
    }

    /// <summary>Like the kubelet, announces readiness with an empty frame on the lowest writable channel.</summary>
    public Task SendReadyAsync(StreamRequest request) =>
        SendFrameAsync(request.Stdout ? ChannelProtocol.Stdout : request.Stderr ? ChannelProtocol.Stderr : ChannelProtocol.Status, ReadOnlyMemory<byte>.Empty);

    /// <summary>Sends output; when a cut is due it sends what the budget allows, aborts the connection and throws.</summary>
    public async Task SendOutputAsync(byte channel, ReadOnlyMemory<byte> data)
    {
        if (cut is null)
        {
            await SendFrameAsync(channel, data);
            return;
        }
        var allowed = cut.Allow(data.Length);
        if (allowed > 0)
            await SendFrameAsync(channel, data[..allowed]);
        if (cut.Exhausted)
            Cut();
    }

    /// <summary>The final status; a session marked for cutting is aborted instead, so the client never sees one.</summary>
    public async Task SendStatusAsync(V1Status status)
    {
        if (cut is not null)
            Cut();
        await SendFrameAsync(ChannelProtocol.Status, System.Text.Encoding.UTF8.GetBytes(StatusJson.Serialize(status)));
    }

    /// <summary>Reads frames until the client closes or the connection breaks; each WebSocket frame is decoded on its own.</summary>
    public async Task ReceiveAsync(Func<ChannelFrame, Task> onFrame, CancellationToken cancellation)
    {
        var buffer = new byte[64 * 1024];
        var reader = new ChannelFrameReader(protocol, frames.TakeFrameLength);
        try
        {
            while (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, cancellation);
                if (result.MessageType == WebSocketMessageType.Close)
                    return;
                foreach (var frame in reader.Read(buffer.AsSpan(0, result.Count)))
                    await onFrame(frame);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Closes normally and waits (bounded) for the client's close reply seen by <paramref name="receiving"/>.</summary>
    public async Task CloseAsync(Task receiving)
    {
        try
        {
            await _sendGate.WaitAsync();
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            finally
            {
                _sendGate.Release();
            }
            await receiving.WaitAsync(CloseTimeout);
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or IOException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    /// <summary>
    /// Ends the session without a status or close frame: the handler returns and the server closes the connection
    /// after flushing. Aborting instead could discard the bytes already sent, which would make the cut point random.
    /// </summary>
    private static void Cut() => throw new StreamCutException();

    private async Task SendFrameAsync(byte channel, ReadOnlyMemory<byte> data)
    {
        var (payload, isText) = protocol.Encode(channel, data.Span);
        await _sendGate.WaitAsync();
        try
        {
            await socket.SendAsync(payload, isText ? WebSocketMessageType.Text : WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        finally
        {
            _sendGate.Release();
        }
    }
}
