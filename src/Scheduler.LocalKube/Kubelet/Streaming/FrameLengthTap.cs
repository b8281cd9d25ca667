using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>
/// The upgraded connection under the server's WebSocket, noting the payload length of each data frame the client
/// sends as its header passes by. <see cref="System.Net.WebSockets.WebSocket.ReceiveAsync(ArraySegment{byte}, CancellationToken)"/>
/// does not report frame boundaries (a result that fills the buffer may or may not end a frame), and the channel
/// protocols need them: the API server reads every frame, not every message, as one channel message.
/// </summary>
public sealed class FrameLengthTap(Stream connection) : Stream
{
    private const int MaxHeader = 14;
    private readonly ConcurrentQueue<long> _dataFrameLengths = new();
    private readonly byte[] _header = new byte[MaxHeader];
    private int _headerSeen;
    private int _headerLength = 2;
    private long _payloadLeft;

    /// <summary>The next data frame's payload length, in the order the frames arrived.</summary>
    public long TakeFrameLength() =>
        _dataFrameLengths.TryDequeue(out var length) ? length : throw new InvalidOperationException("WebSocket data arrived before its frame header");

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = connection.Read(buffer, offset, count);
        Observe(buffer.AsSpan(offset, read));
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await connection.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => connection.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        connection.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        connection.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => connection.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => connection.FlushAsync(cancellationToken);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) connection.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Walks RFC 6455 frames: a 2-byte header, a 2- or 8-byte extended length, a 4-byte mask, the payload.</summary>
    private void Observe(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_payloadLeft > 0)
            {
                var skipped = (int)Math.Min(_payloadLeft, bytes.Length);
                _payloadLeft -= skipped;
                bytes = bytes[skipped..];
                continue;
            }
            _header[_headerSeen++] = bytes[0];
            bytes = bytes[1..];
            if (_headerSeen == 2)
                _headerLength = 2 + ((_header[1] & 0x7F) switch { 126 => 2, 127 => 8, _ => 0 }) + ((_header[1] & 0x80) != 0 ? 4 : 0);
            if (_headerSeen < _headerLength)
                continue;
            var length = (_header[1] & 0x7F) switch
            {
                126 => BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2)),
                127 => (long)BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2)),
                var small => small,
            };
            var isControl = (_header[0] & 0x08) != 0;
            if (!isControl)
                _dataFrameLengths.Enqueue(length);
            _payloadLeft = length;
            _headerSeen = 0;
            _headerLength = 2;
        }
    }
}
