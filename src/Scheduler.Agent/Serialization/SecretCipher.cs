using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Agent.Serialization;

/// <summary>
/// Encrypts task secret values for the journal with AES-256-GCM. A sealed value is <c>aes-gcm.v1:</c> followed by
/// base64 of nonce (12 bytes), ciphertext and tag (16 bytes). The job id and the secret's name are authenticated
/// with it, so a value copied to another job or another name does not decrypt.
/// </summary>
public sealed class SecretCipher
{
    public const int KeyBytes = 32;
    private const string Prefix = "aes-gcm.v1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    public SecretCipher(byte[] key)
    {
        if (key.Length != KeyBytes)
            throw new ArgumentException($"an AES-256 key has {KeyBytes} bytes, not {key.Length}", nameof(key));
        _key = key.ToArray();
    }

    public string Seal(string value, string jobId, string name)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Context(jobId, name));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    public string Open(string sealedValue, string jobId, string name)
    {
        if (!sealedValue.StartsWith(Prefix, StringComparison.Ordinal))
            throw new CryptographicException($"secret {name} of job {jobId} is not an {Prefix.TrimEnd(':')} value");
        var sealedBytes = Convert.FromBase64String(sealedValue[Prefix.Length..]);
        var cipherLength = sealedBytes.Length - NonceBytes - TagBytes;
        if (cipherLength < 0)
            throw new CryptographicException($"secret {name} of job {jobId} is truncated");
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(_key, TagBytes);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, cipherLength), sealedBytes.AsSpan(NonceBytes + cipherLength), plain, Context(jobId, name));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException($"secret {name} of job {jobId} does not decrypt: storage.secretsKey is not the key it was stored with", e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Context(string jobId, string name) => Encoding.UTF8.GetBytes($"{jobId}\n{name}");
}
