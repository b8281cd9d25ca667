using System.Text.Json;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The CLI's own settings file: JSON such as <c>{"server": "https://sched.example", "tokenFile": "/run/secrets/sched"}</c>
/// (or <c>"token": "…"</c>). Read from <c>$SCHED_CLI_CONFIG</c>, else <c>$XDG_CONFIG_HOME/sched/cli.json</c>, else
/// <c>~/.config/sched/cli.json</c>. A missing file means no settings.
/// </summary>
internal sealed record CliConfigFile(string? Server, string? Token, string? TokenFile)
{
    public const string PathVariable = "SCHED_CLI_CONFIG";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path)
            return path;
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "sched", "cli.json");
    }

    /// <summary>The settings, empty when there is no file; a file that is not valid JSON throws <see cref="FormatException"/>.</summary>
    public static CliConfigFile Load(string path)
    {
        if (!File.Exists(path))
            return new CliConfigFile(null, null, null);
        try
        {
            return JsonSerializer.Deserialize<CliConfigFile>(File.ReadAllText(path), Json) ?? new CliConfigFile(null, null, null);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a valid CLI config ({e.Message})", e);
        }
    }
}
