using System.Net.WebSockets;
using System.Text;

namespace Scheduler.LocalKube.Tests.Kubelet.Support;

/// <summary>What a raw remote-command WebSocket session delivered.</summary>
public sealed record ChannelTranscript(string Protocol, string Stdout, string Stderr, string? Status, bool ClosedNormally);

/// <summary>A minimal binary-protocol client, to test framing the KubernetesClient does not expose (v5 close, cuts).</summary>
public static class RawChannelClient
{
    public static async Task<ChannelTranscript> RunAsync(
        Uri baseUri, string pathAndQuery, string protocol, Func<ClientWebSocket, Task>? afterConnect = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(protocol);
        var uri = new Uri(new Uri(baseUri.ToString().Replace("http://", "ws://")), pathAndQuery);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(uri, timeout.Token);
        if (afterConnect is not null)
            await afterConnect(socket);

        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        string? status = null;
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                    return new ChannelTranscript(socket.SubProtocol ?? "", Text(stdout), Text(stderr), status, true);
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                var frame = message.ToArray();
                message.SetLength(0);
                if (frame.Length == 0)
                    continue;
                switch (frame[0])
                {
                    case 1: stdout.Write(frame, 1, frame.Length - 1); break;
                    case 2: stderr.Write(frame, 1, frame.Length - 1); break;
                    case 3: status = Encoding.UTF8.GetString(frame, 1, frame.Length - 1); break;
                }
            }
        }
        catch (WebSocketException)
        {
            return new ChannelTranscript(socket.SubProtocol ?? "", Text(stdout), Text(stderr), status, false);
        }
    }

    public static Task SendAsync(ClientWebSocket socket, params byte[] frame) =>
        socket.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);

    private static string Text(MemoryStream stream) => Encoding.UTF8.GetString(stream.ToArray());
}
