using System.Text;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// Splits one output stream into the step's own bytes and the end marker line <c>{prefix}{payload}\n</c>, which
/// may arrive split across chunks. Bytes that could be the start of the marker are held back until the next chunk decides.
/// </summary>
public sealed class MarkerScanner(byte[] marker)
{
    private const int MaxPayloadBytes = 256;
    private byte[] _pending = [];
    private readonly List<byte> _payload = [];
    private bool _inMarker;

    /// <summary>The text between the marker's prefix and its newline, once the whole marker line has been seen.</summary>
    public string? Payload { get; private set; }

    public bool Completed => Payload is not null;

    /// <summary>Consumes a chunk and returns the part of it that is step output. Input after the marker line is ignored.</summary>
    public byte[] Feed(ReadOnlySpan<byte> chunk)
    {
        if (Completed) return [];
        var data = Concat(_pending, chunk);
        _pending = [];
        if (_inMarker)
        {
            ReadPayload(data);
            return [];
        }

        var at = data.AsSpan().IndexOf(marker);
        if (at >= 0)
        {
            _inMarker = true;
            ReadPayload(data.AsSpan(at + marker.Length));
            return data[..at];
        }

        var keep = LongestSuffixThatStartsMarker(data);
        _pending = data[^keep..];
        return data[..^keep];
    }

    /// <summary>Held-back bytes that turned out not to be a marker (the stream ended); they are output after all.</summary>
    public byte[] TakePending()
    {
        var pending = _inMarker ? [] : _pending;
        _pending = [];
        return pending;
    }

    private void ReadPayload(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b == (byte)'\n')
            {
                Payload = Encoding.ASCII.GetString(_payload.ToArray());
                return;
            }
            if (b is < 0x20 or > 0x7e || _payload.Count >= MaxPayloadBytes)
                throw new FormatException($"Malformed step marker: unexpected byte {b}.");
            _payload.Add(b);
        }
    }

    private int LongestSuffixThatStartsMarker(ReadOnlySpan<byte> data)
    {
        for (var length = Math.Min(marker.Length - 1, data.Length); length > 0; length--)
            if (data[^length..].SequenceEqual(marker.AsSpan(0, length))) return length;
        return 0;
    }

    private static byte[] Concat(byte[] first, ReadOnlySpan<byte> second)
    {
        if (first.Length == 0) return second.ToArray();
        var all = new byte[first.Length + second.Length];
        first.CopyTo(all, 0);
        second.CopyTo(all.AsSpan(first.Length));
        return all;
    }
}
