using System.Security.Cryptography;
using System.Text;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Pbm;

/// <summary>The token console requests must carry, compared in constant time (hashes, so the length leaks nothing either).</summary>
public sealed class ConsoleToken
{
    private readonly byte[]? _expected;

    private ConsoleToken(string? token) => _expected = token is null ? null : Hash(token);

    /// <summary><c>console.token</c>, or the trimmed content of <c>console.tokenFile</c>; throws <see cref="AgentConfigException"/> when that file is unusable.</summary>
    public static ConsoleToken Resolve(ConsoleOptions options)
    {
        if (options.TokenFile is not { } path)
            return new ConsoleToken(options.Token);
        string content;
        try
        {
            content = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigException($"console.tokenFile: cannot read {path}: {e.Message}");
        }
        return content.Length > 0 ? new ConsoleToken(content) : throw new AgentConfigException($"console.tokenFile: {path} is empty");
    }

    public bool Accepts(string? given) =>
        _expected is null || CryptographicOperations.FixedTimeEquals(_expected, Hash(given ?? ""));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
