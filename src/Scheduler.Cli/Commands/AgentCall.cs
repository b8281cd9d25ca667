using System.CommandLine;
using Scheduler.Cli.Client;

namespace Scheduler.Cli.Commands;

/// <summary>
/// Runs a command's conversation with the agent and turns its failures into messages and exit codes:
/// an unreachable agent or an agent error is 3, a request the agent rejected (4xx) or a missing token is 2.
/// </summary>
internal static class AgentCall
{
    public delegate Task<int> Conversation(SchedulerClient client, TextWriter output, CancellationToken ct);

    public static async Task<int> RunAsync(ParseResult parse, ServerOptions options, Conversation conversation, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        string serverText;
        string? token;
        try
        {
            var config = CliConfigFile.Load(CliConfigFile.DefaultPath());
            serverText = options.ServerUrl(parse, config);
            token = options.Token(parse, config);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"sched: {e.Message}");
            return ExitCodes.BadInput;
        }

        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"sched: --server must be an http(s) URL, got \"{serverText}\"");
            return ExitCodes.BadInput;
        }
        if (token is not { Length: > 0 })
        {
            await error.WriteLineAsync($"sched: a token is required: {TokenOptions.Sources}");
            return ExitCodes.BadInput;
        }

        using var client = new SchedulerClient(server, token);
        try
        {
            return await conversation(client, parse.InvocationConfiguration.Output, ct);
        }
        catch (AgentUnreachableException e)
        {
            await error.WriteLineAsync($"sched: {e.Message}");
            await error.WriteLineAsync($"sched: is an agent running there? Start one with `sched agent`, or pass --server / ${ServerOptions.ServerVariable}.");
            return ExitCodes.InfrastructureFailure;
        }
        catch (ApiRequestException e)
        {
            await error.WriteLineAsync($"sched: the agent refused the request ({(int)e.StatusCode}): {e.Message}");
            return (int)e.StatusCode >= 500 ? ExitCodes.InfrastructureFailure : ExitCodes.BadInput;
        }
    }
}
