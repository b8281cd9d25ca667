using System.Collections;
using System.Text.Json;
using Akka.Configuration;

namespace Scheduler.Agent.Config;

/// <summary>
/// Config overrides from environment variables.
/// <list type="bullet">
/// <item><c>SCHED_&lt;path&gt;</c> with <c>__</c> between keys sets that key: <c>SCHED_agent__maxRunTime=1h</c> sets
/// <c>agent.maxRunTime</c>; <c>SCHED_agent__resourceClasses__local/small__token=…</c> sets a class's token.
/// A value starting with <c>[</c> or <c>{</c> is HOCON (lists, objects); anything else is a string.</item>
/// <item>Shorthands: see <see cref="Shorthands"/>.</item>
/// </list>
/// Other <c>SCHED_*</c> variables are ignored.
/// </summary>
public static class EnvironmentOverrides
{
    public const string Prefix = "SCHED_";

    public static readonly IReadOnlyDictionary<string, string> Shorthands = new Dictionary<string, string>
    {
        ["SCHED_KUBECONFIG"] = "kubernetes.kubeconfig",
        ["SCHED_KUBE_CONTEXT"] = "kubernetes.context",
        ["SCHED_NAMESPACE"] = "kubernetes.namespace",
        ["SCHED_DATA_DIR"] = "storage.dataDirectory",
        ["SCHED_POSTGRES"] = "storage.postgresConnectionString",
        ["SCHED_SECRETS_KEY"] = "storage.secretsKey",
        ["SCHED_API_URL"] = "api.listenUrl",
        ["SCHED_OPERATOR_TOKEN"] = "agent.operatorToken",
        ["SCHED_OPERATOR_TOKEN_FILE"] = "agent.operatorTokenFile",
        ["SCHED_CONSOLE_TOKEN"] = "console.token",
    };

    public static Akka.Configuration.Config FromEnvironment() => From(Environment.GetEnvironmentVariables());

    public static Akka.Configuration.Config From(IDictionary environment)
    {
        var result = Akka.Configuration.Config.Empty;
        foreach (var (name, value) in environment.Cast<DictionaryEntry>()
                     .Select(e => ((string)e.Key, e.Value as string ?? ""))
                     .OrderBy(e => e.Item1, StringComparer.Ordinal))
        {
            var path = KeyPath(name);
            if (path is not null)
            {
                var single = ConfigurationFactory.ParseString($"{path} = {HoconValue(value)}");
                result = result.IsEmpty ? single : single.WithFallback(result);
            }
        }

        return result;
    }

    /// <summary>The quoted HOCON path a variable sets, or <c>null</c> when it sets none.</summary>
    public static string? KeyPath(string variable)
    {
        if (Shorthands.TryGetValue(variable, out var shorthand))
            return shorthand;
        if (!variable.StartsWith(Prefix, StringComparison.Ordinal) || !variable.Contains("__", StringComparison.Ordinal))
            return null;
        var keys = variable[Prefix.Length..].Split("__");
        return keys.Any(string.IsNullOrEmpty) ? null : string.Join('.', keys.Select(k => JsonSerializer.Serialize(k)));
    }

    private static string HoconValue(string value) =>
        value.TrimStart() is ['[' or '{', ..] ? value : JsonSerializer.Serialize(value);
}
