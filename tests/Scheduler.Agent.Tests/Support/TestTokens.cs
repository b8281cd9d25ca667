using System.Collections;
using System.Net.Http.Headers;

namespace Scheduler.Agent.Tests.Support;

/// <summary>The operator token every test agent is configured with, and clients that present a token.</summary>
public static class TestTokens
{
    public const string Operator = "test-operator-token";

    /// <summary>The built-in <c>local/small</c> class's token (hocon/agent.conf).</summary>
    public const string LocalSmall = "local-small-token";

    /// <summary>The environment variable that gives an agent <see cref="Operator"/>.</summary>
    public static KeyValuePair<string, string> OperatorVariable => new("SCHED_OPERATOR_TOKEN", Operator);

    /// <summary>The given agent environment plus <c>SCHED_OPERATOR_TOKEN</c>, unless it sets one itself.</summary>
    public static Hashtable WithOperator(IDictionary? environment)
    {
        var result = environment is null ? new Hashtable() : new Hashtable(environment);
        if (!result.ContainsKey(OperatorVariable.Key))
            result[OperatorVariable.Key] = Operator;
        return result;
    }

    public static HttpClient Client(Uri baseAddress, string? token = Operator, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        if (timeout is { } t)
            client.Timeout = t;
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A file holding <paramref name="token"/>, for <c>sched … --token-file</c>; it lives in the temp directory.</summary>
    public static string File(string token = Operator)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sched-test-token-{Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(token))}");
        if (!System.IO.File.Exists(path))
            System.IO.File.WriteAllText(path, token + "\n");
        return path;
    }
}
