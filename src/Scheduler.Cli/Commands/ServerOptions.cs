using System.CommandLine;
using Scheduler.Domain.Config;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The <c>--server</c> and <c>--token-file</c> options of the commands that talk to a running agent's API; the token
/// comes from where <see cref="TokenOptions"/> says.
/// </summary>
internal sealed class ServerOptions
{
    public const string ServerVariable = "SCHED_SERVER";

    private readonly TokenOptions _tokens = new("the resource class's or the operator's token");

    /// <summary>The agent's default listen URL, where a local <c>sched agent</c> serves.</summary>
    public static string DefaultServer => new ApiOptions().ListenUrl;

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The agent's API URL (or ${ServerVariable}, or \"server\" in the CLI config file; default {DefaultServer})",
    };

    public Option<FileInfo?> TokenFile => _tokens.TokenFile;

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

    /// <inheritdoc cref="TokenOptions.Token"/>
    public string? Token(ParseResult parse, CliConfigFile config) => _tokens.Token(parse, config);
}
