using System.Security.Cryptography;
using System.Text;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Pbm;

/// <summary>
/// Who may use the console: once <c>console.token</c> is set, a request must carry it or the operator's API token
/// (<c>agent.operatorToken</c>, which may do everything through the API too). Without <c>console.token</c> (loopback
/// only) any request is served. Compared in constant time, as SHA-256 hashes so the length leaks nothing either.
/// </summary>
public sealed class ConsoleToken
{
    private readonly byte[]? _console;
    private readonly byte[]? _operator;

    private ConsoleToken(string? console, string? operatorToken)
    {
        _console = console is null ? null : Hash(console);
        _operator = console is null || operatorToken is null ? null : Hash(operatorToken);
    }

    /// <summary>
    /// <c>console.token</c>, or the trimmed content of <c>console.tokenFile</c>, plus the operator token;
    /// throws <see cref="AgentConfigException"/> when that file is unusable.
    /// </summary>
    public static ConsoleToken Resolve(ConsoleOptions options, string? operatorToken)
    {
        if (options.TokenFile is not { } path)
            return new ConsoleToken(options.Token, operatorToken);
        string content;
        try
        {
            content = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigException($"console.tokenFile: cannot read {path}: {e.Message}");
        }
        return content.Length > 0 ? new ConsoleToken(content, operatorToken) : throw new AgentConfigException($"console.tokenFile: {path} is empty");
    }

    public bool Accepts(string? given)
    {
        if (_console is null)
            return true;
        var hash = Hash(given ?? "");
        // Both comparisons run whatever the first gives, so the time taken does not tell which token matched.
        return CryptographicOperations.FixedTimeEquals(_console, hash) | (_operator is not null && CryptographicOperations.FixedTimeEquals(_operator, hash));
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
