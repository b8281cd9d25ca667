using System.Text.Json.Nodes;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Config;

/// <summary>
/// Replaces <c>agent.operatorTokenFile</c> and each <c>agent.resourceClasses.&lt;name&gt;.tokenFile</c> in a config
/// tree with the token read from that file (a mounted Secret), so tokens need not be written into a config file.
/// The file's content is the token; surrounding whitespace (a trailing newline) is ignored.
/// </summary>
public static class TokenFiles
{
    public static IReadOnlyList<ConfigError> Inline(JsonObject tree)
    {
        var errors = new List<ConfigError>();
        if (tree["agent"] is not JsonObject agent)
            return errors;
        InlineOne(agent, "operatorToken", "agent", errors);
        if (agent["resourceClasses"] is JsonObject classes)
            foreach (var (name, entry) in classes.ToList())
                if (entry is JsonObject resourceClass)
                    InlineOne(resourceClass, "token", $"agent.resourceClasses.{name}", errors);
        return errors;
    }

    private static void InlineOne(JsonObject section, string tokenKey, string path, List<ConfigError> errors)
    {
        var fileKey = tokenKey + "File";
        if (!section.TryGetPropertyValue(fileKey, out var fileNode))
            return;
        section.Remove(fileKey);
        var file = fileNode?.ToString();
        if (string.IsNullOrWhiteSpace(file))
            return;
        if (section[tokenKey] is not null)
        {
            errors.Add(new ConfigError($"{path}.{fileKey}", $"cannot be combined with {path}.{tokenKey}; choose one"));
            return;
        }
        try
        {
            section[tokenKey] = File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigError($"{path}.{fileKey}", $"cannot read \"{file}\": {e.Message}"));
        }
    }
}
