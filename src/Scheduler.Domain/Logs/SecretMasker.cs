using System.Text;

namespace Scheduler.Domain.Logs;

/// <summary>
/// Replaces a task's secret values with <see cref="Mask"/> in step output before it is stored. Works on the raw
/// UTF-8 bytes of one stream (use one instance per stdout/stderr stream): a value split across two chunks is
/// still masked, because a chunk's tail that could begin a secret is held back until the next
/// <see cref="Process"/> or the final <see cref="Flush"/>. Values shorter than <see cref="MinLength"/> are not
/// masked (masking "1" or "ci" would mangle the output); neither are empty ones.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "********";
    public const int MinLength = 4;

    private static readonly byte[] MaskBytes = Encoding.UTF8.GetBytes(Mask);
    private readonly byte[][] secrets;
    private byte[] carry = [];

    public SecretMasker(IEnumerable<string> secretValues)
    {
        secrets = secretValues
            .Where(v => v.Length >= MinLength)
            .Distinct()
            .Select(Encoding.UTF8.GetBytes)
            .OrderByDescending(b => b.Length)
            .ToArray();
    }

    /// <summary>
    /// How many of the bytes given so far are held back (a possible secret prefix). Everything before them has been
    /// emitted, so a reader that restarts after a crash resumes its input here and still masks a secret split there.
    /// </summary>
    public int HeldBack => carry.Length;

    /// <summary>True when there is nothing to mask, so callers may skip the masker.</summary>
    public bool IsEmpty => secrets.Length == 0;

    /// <summary>The masked bytes that are safe to emit now; a possible secret prefix at the end is kept for later.</summary>
    public byte[] Process(ReadOnlySpan<byte> chunk)
    {
        var buffer = new byte[carry.Length + chunk.Length];
        carry.CopyTo(buffer, 0);
        chunk.CopyTo(buffer.AsSpan(carry.Length));

        var output = new List<byte>(buffer.Length);
        var i = 0;
        while (i < buffer.Length)
        {
            var match = MatchAt(buffer.AsSpan(i));
            if (match > 0)
            {
                output.AddRange(MaskBytes);
                i += match;
            }
            else if (match < 0)
            {
                break;
            }
            else
            {
                output.Add(buffer[i++]);
            }
        }

        carry = buffer[i..];
        return [.. output];
    }

    /// <summary>The length of the longest secret at the start of <paramref name="rest"/>; -1 if a secret at
    /// least as long may still be completed by the next chunk; 0 if no secret starts here.</summary>
    private int MatchAt(ReadOnlySpan<byte> rest)
    {
        foreach (var secret in secrets)
        {
            if (rest.StartsWith(secret))
                return secret.Length;
            if (rest.Length < secret.Length && secret.AsSpan().StartsWith(rest))
                return -1;
        }
        return 0;
    }

    /// <summary>Emits the held-back tail at the end of the stream (it did not turn out to be a secret).</summary>
    public byte[] Flush()
    {
        var rest = carry;
        carry = [];
        return rest;
    }

    /// <summary>Masks every secret value in a complete text, e.g. a failure message.</summary>
    public string MaskText(string text)
    {
        var fresh = new SecretMasker(this);
        return Encoding.UTF8.GetString([.. fresh.Process(Encoding.UTF8.GetBytes(text)), .. fresh.Flush()]);
    }

    /// <summary>A masker with the same secrets and an empty carry-over.</summary>
    private SecretMasker(SecretMasker other) => secrets = other.secrets;
}
