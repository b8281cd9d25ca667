using System.CommandLine;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The <c>--token-file</c> option and where a command finds its token. Tokens never go on the command line:
/// <c>--token-file</c>, else <c>$SCHED_TOKEN</c>, else <c>"token"</c>/<c>"tokenFile"</c> in the <see cref="CliConfigFile"/>.
/// </summary>
internal sealed class TokenOptions(string whose)
{
    public const string TokenVariable = "SCHED_TOKEN";

    /// <summary>How to give a token, for messages.</summary>
    public static string Sources => $"--token-file FILE, ${TokenVariable}, or \"token\"/\"tokenFile\" in {CliConfigFile.DefaultPath()}";

    public Option<FileInfo?> TokenFile { get; } = new("--token-file")
    {
        Description = $"A file holding {whose} (or ${TokenVariable}, or \"token\"/\"tokenFile\" in {CliConfigFile.DefaultPath()})",
    };

    /// <summary>The token, or null when none is given anywhere; an unreadable token file throws <see cref="IOException"/>.</summary>
    public string? Token(ParseResult parse, CliConfigFile config)
    {
        if (parse.GetValue(TokenFile) is { } file)
            return ReadTokenFile(file.FullName);
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
            return token;
        if (config.Token is { Length: > 0 } configured)
            return configured;
        return config.TokenFile is { Length: > 0 } configuredFile ? ReadTokenFile(configuredFile) : null;
    }

    private static string ReadTokenFile(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read the token file \"{path}\": {e.Message}", e);
        }
    }
}
