using System.CommandLine;
using Scheduler.Domain.Config;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The <c>--server</c> and <c>--token-file</c> options of the commands that talk to a running agent. Tokens never go
/// on the command line: <c>--token-file</c>, else <c>$SCHED_TOKEN</c>, else the <see cref="CliConfigFile"/>.
/// </summary>
internal sealed class ServerOptions
{
    public const string ServerVariable = "SCHED_SERVER";
    public const string TokenVariable = "SCHED_TOKEN";

    /// <summary>The agent's default listen URL, where a local <c>sched agent</c> serves.</summary>
    public static string DefaultServer => new ApiOptions().ListenUrl;

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The agent's API URL (or ${ServerVariable}, or \"server\" in the CLI config file; default {DefaultServer})",
    };

    public Option<FileInfo?> TokenFile { get; } = new("--token-file")
    {
        Description = $"A file holding the resource class's or the operator's token (or ${TokenVariable}, or \"token\"/\"tokenFile\" in {CliConfigFile.DefaultPath()})",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(TokenFile);
    }

    public string ServerUrl(ParseResult parse, CliConfigFile config) =>
        parse.GetValue(Server)
        ?? (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } url ? url : null)
        ?? config.Server
        ?? DefaultServer;

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
