using System.CommandLine;
using Scheduler.Domain.Config;

namespace Scheduler.Cli.Commands;

/// <summary>The <c>--server</c> and <c>--token</c> options of the commands that talk to a running agent.</summary>
internal static class ServerOptions
{
    public const string ServerVariable = "SCHED_SERVER";
    public const string TokenVariable = "SCHED_TOKEN";

    /// <summary>The agent's default listen URL, where a local <c>sched agent</c> serves.</summary>
    public static string DefaultServer => new ApiOptions().ListenUrl;

    public static Option<string> Server() => new("--server")
    {
        Description = $"The agent's API URL (or ${ServerVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } url ? url : DefaultServer,
    };

    public static Option<string?> Token() => new("--token")
    {
        Description = $"The resource class's token (or ${TokenVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token : null,
    };
}
