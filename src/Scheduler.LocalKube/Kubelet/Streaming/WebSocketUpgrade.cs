using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>
/// Accepts the WebSocket upgrade through Kestrel's raw upgrade feature (RFC 6455 handshake), whether or not the host
/// uses ASP.NET Core's WebSockets middleware, so the connection can be read through a <see cref="FrameLengthTap"/>.
/// </summary>
public static class WebSocketUpgrade
{
    private const string HandshakeGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static bool IsUpgradeRequest(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } &&
        string.Equals(context.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase) &&
        !string.IsNullOrEmpty(context.Request.Headers.SecWebSocketKey);

    public static async Task<(WebSocket Socket, FrameLengthTap Frames)> AcceptAsync(HttpContext context, string? subProtocol)
    {
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + HandshakeGuid)));
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = accept;
        if (subProtocol is not null)
            context.Response.Headers.SecWebSocketProtocol = subProtocol;
        var frames = new FrameLengthTap(await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync());
        var socket = WebSocket.CreateFromStream(frames, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = subProtocol,
            KeepAliveInterval = TimeSpan.FromSeconds(30),
        });
        return (socket, frames);
    }
}
