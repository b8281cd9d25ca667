using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace Scheduler.Kube.Steps;

/// <summary>
/// Reads and writes <c>v4.channel.k8s.io</c> frames directly on the WebSocket. Unlike StreamDemuxer this keeps the
/// arrival order across stdout and stderr and never drops a channel nobody asked for yet.
/// </summary>
public static class ChannelWebSocket
{
    public const string Protocol = "v4.channel.k8s.io";

    /// <summary>
    /// Yields frames until the server closes the socket. A connection that drops without a close handshake
    /// surfaces as <see cref="WebSocketException"/>.
    /// </summary>
    public static async IAsyncEnumerable<ChannelFrame> ReadAsync(WebSocket socket, [EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            message.ResetWrittenCount();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseQuietlyAsync(socket).ConfigureAwait(false);
                    yield break;
                }
                message.Write(buffer.AsSpan(0, result.Count));
            }
            while (!result.EndOfMessage);

            // Frames without payload only announce a channel.
            if (message.WrittenCount > 1) yield return new ChannelFrame(message.WrittenSpan[0], message.WrittenMemory[1..].ToArray());
        }
    }

    public static Task SendAsync(WebSocket socket, byte channel, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var frame = new byte[data.Length + 1];
        frame[0] = channel;
        data.CopyTo(frame.AsMemory(1));
        return socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, ct);
    }

    private static async Task CloseQuietlyAsync(WebSocket socket)
    {
        try
        {
            if (socket.State == WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
        }
    }
}
