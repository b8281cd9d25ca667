using System.Security.Cryptography;
using System.Text;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Api;

/// <summary>
/// Maps a bearer token to its <see cref="ApiCaller"/>: <c>agent.operatorToken</c>, or a resource class's token.
/// Every configured token is compared, in constant time, whatever matched, so timing tells nothing about them.
/// </summary>
public sealed class ApiTokens(string? operatorToken, IReadOnlyDictionary<string, string> tokensByClass)
{
    public static ApiTokens From(AgentOptions agent) =>
        new(agent.OperatorToken, agent.ResourceClasses.ToDictionary(c => c.Key, c => c.Value.Token));

    /// <summary>The caller the token belongs to, or null when it belongs to nobody.</summary>
    public ApiCaller? Identify(string token)
    {
        var presented = Encoding.UTF8.GetBytes(token);
        ApiCaller? caller = null;
        if (Matches(operatorToken, presented))
            caller = ApiCaller.Operator;
        foreach (var (resourceClass, classToken) in tokensByClass)
            if (Matches(classToken, presented))
                caller ??= new ApiCaller(resourceClass);
        return caller;
    }

    private static bool Matches(string? expected, byte[] presented) =>
        expected is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), presented);
}
