namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>
/// Cuts the data bytes a client sends into its WebSocket frames and decodes each frame on its own, as the API server
/// does: every frame, also each frame of a fragmented message, starts with its channel byte (or base64 digit).
/// Stdin data is passed on as it arrives; other frames (v5 close, resize, base64) are decoded whole.
/// </summary>
public sealed class ChannelFrameReader(ChannelProtocol protocol, Func<long> nextFrameLength)
{
    private long _frameLeft;
    private bool _frameStarted;
    private MemoryStream? _whole;

    /// <summary>Reads the next bytes of the data stream; returns the frames (or stdin pieces) they complete.</summary>
    public IReadOnlyList<ChannelFrame> Read(ReadOnlySpan<byte> data)
    {
        var frames = new List<ChannelFrame>();
        while (!data.IsEmpty)
        {
            while (_frameLeft == 0)
            {
                _frameLeft = nextFrameLength();
                _frameStarted = false;
                _whole = null;
            }
            var piece = data[..(int)Math.Min(_frameLeft, data.Length)];
            data = data[piece.Length..];
            _frameLeft -= piece.Length;
            Consume(piece, frames);
            if (_frameLeft == 0 && _whole is not null && protocol.Decode(_whole.ToArray()) is { } frame)
                frames.Add(frame);
        }
        return frames;
    }

    private void Consume(ReadOnlySpan<byte> piece, List<ChannelFrame> frames)
    {
        if (!_frameStarted)
        {
            _frameStarted = true;
            if (protocol.IsBase64 || piece[0] != ChannelProtocol.Stdin)
                _whole = new MemoryStream();
            else
                piece = piece[1..];
        }
        if (_whole is not null)
            _whole.Write(piece);
        else if (!piece.IsEmpty)
            frames.Add(new ChannelFrame(ChannelProtocol.Stdin, piece.ToArray()));
    }
}
