using System.Text;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>A decoded channel frame: data for a channel, or (v5) the peer closing that channel.</summary>
public sealed record ChannelFrame(byte Channel, byte[] Data, bool IsClose = false);

/// <summary>
/// The Kubernetes remote-command WebSocket subprotocols and their framing:
/// binary frames start with the channel byte; base64 frames are text starting with the channel digit.
/// v5 adds the close frame [255, channel].
/// </summary>
public sealed class ChannelProtocol
{
    public const byte Stdin = 0, Stdout = 1, Stderr = 2, Status = 3, Resize = 4;
    private const byte CloseSignal = 255;

    /// <summary>The accepted subprotocols, in server preference order.</summary>
    public static readonly IReadOnlyList<string> Supported =
        ["v5.channel.k8s.io", "v4.channel.k8s.io", "v4.base64.channel.k8s.io", "channel.k8s.io", "base64.channel.k8s.io"];

    private ChannelProtocol(string? name, bool base64, bool supportsClose)
    {
        Name = name;
        IsBase64 = base64;
        SupportsClose = supportsClose;
    }

    /// <summary>The negotiated subprotocol, or null when the client offered none (the real kubelet then speaks binary v1).</summary>
    public string? Name { get; }

    public bool IsBase64 { get; }

    public bool SupportsClose { get; }

    public static ChannelProtocol Binary(string? name) => new(name, false, name == "v5.channel.k8s.io");

    /// <summary>Picks the first supported protocol the client offered; null when none of the offered ones is supported.</summary>
    public static ChannelProtocol? Negotiate(IEnumerable<string> offered)
    {
        var offers = offered.SelectMany(o => o.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (offers.Count == 0)
            return Binary(null);
        var chosen = Supported.FirstOrDefault(offers.Contains);
        return chosen is null ? null : new ChannelProtocol(chosen, chosen.Contains("base64"), chosen.StartsWith("v5.", StringComparison.Ordinal));
    }

    /// <summary>Encodes one frame; the bool says whether it is a text (base64) WebSocket message.</summary>
    public (byte[] Payload, bool IsText) Encode(byte channel, ReadOnlySpan<byte> data)
    {
        if (IsBase64)
            return (Encoding.ASCII.GetBytes((char)('0' + channel) + Convert.ToBase64String(data)), true);
        var payload = new byte[data.Length + 1];
        payload[0] = channel;
        data.CopyTo(payload.AsSpan(1));
        return (payload, false);
    }

    /// <summary>Decodes one complete WebSocket frame; null for an empty frame.</summary>
    public ChannelFrame? Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty)
            return null;
        if (IsBase64)
        {
            var channel = (byte)(frame[0] - '0');
            return new ChannelFrame(channel, Convert.FromBase64String(Encoding.ASCII.GetString(frame[1..])));
        }
        if (SupportsClose && frame[0] == CloseSignal)
            return frame.Length > 1 ? new ChannelFrame(frame[1], [], IsClose: true) : null;
        return new ChannelFrame(frame[0], frame[1..].ToArray());
    }
}
