namespace Scheduler.Kube.Steps.Attach;

/// <summary>
/// Splits one output stream into the step's own bytes and its end marker, which may arrive split across chunks.
/// Bytes that could be the start of the marker are held back until the next chunk decides.
/// </summary>
public sealed class MarkerScanner(byte[] marker)
{
    private byte[] _pending = [];
    private readonly List<byte> _exitDigits = [];
    private bool _inMarker;

    /// <summary>The step's exit code once the whole marker line has been seen.</summary>
    public int? ExitCode { get; private set; }

    public bool Completed => ExitCode is not null;

    /// <summary>Consumes a chunk and returns the part of it that is step output. Input after the marker line is ignored.</summary>
    public byte[] Feed(ReadOnlySpan<byte> chunk)
    {
        if (Completed) return [];
        var data = Concat(_pending, chunk);
        _pending = [];
        if (_inMarker)
        {
            ReadExitCode(data);
            return [];
        }

        var at = data.AsSpan().IndexOf(marker);
        if (at >= 0)
        {
            _inMarker = true;
            ReadExitCode(data.AsSpan(at + marker.Length));
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

    private void ReadExitCode(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b == (byte)'\n')
            {
                ExitCode = int.Parse(System.Text.Encoding.ASCII.GetString(_exitDigits.ToArray()));
                return;
            }
            if (b is < (byte)'0' or > (byte)'9') throw new FormatException($"Malformed step marker: unexpected byte {b}.");
            _exitDigits.Add(b);
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
