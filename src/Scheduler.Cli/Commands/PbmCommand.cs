using System.CommandLine;
using System.Runtime.InteropServices;
using Scheduler.Cli.Pbm;
using Scheduler.Domain.Config;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>sched pbm [HOST:PORT] [COMMAND …] [--token-file FILE]</c>: the live-inspection console of a replica. With a command it
/// runs it once and exits with the command's code (2 bad input, 3 unreachable or failed); without one it opens a REPL.
/// The endpoint defaults to <c>$SCHED_CONSOLE</c>, else 127.0.0.1:9110. The token, when the replica asks for one (its
/// <c>console.token</c> or the operator's token), comes from where <see cref="TokenOptions"/> says, never from the command line.
/// </summary>
public static class PbmCommand
{
    public const string EndpointVariable = "SCHED_CONSOLE";

    public static Command Create()
    {
        var tokens = new TokenOptions("the console's token or the operator's token, when the replica asks for one");
        // The command's own options (-s, -i, …) belong to the console, so every word is passed on as typed.
        var command = new Command("pbm", "Inspect a running replica: cluster, sharding, actors, log, scheduler, gc, constraints (a REPL without COMMAND)")
        {
            tokens.TokenFile,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var words = parse.UnmatchedTokens.ToList();
            var endpoint = Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : $"127.0.0.1:{ConsoleOptions.DefaultPort}";
            if (words.Count > 0 && words[0].Contains(':'))
            {
                endpoint = words[0];
                words.RemoveAt(0);
            }
            if (!ConsoleEndpointText.TryParse(endpoint, out var host, out var port))
            {
                await error.WriteLineAsync($"sched pbm: expected HOST:PORT, got \"{endpoint}\"");
                return ExitCodes.BadInput;
            }
            if (words.Any(w => w == "--token" || w.StartsWith("--token=", StringComparison.Ordinal)))
            {
                await error.WriteLineAsync($"sched pbm: --token is not accepted, a token never goes on the command line: give it with {TokenOptions.Sources}");
                return ExitCodes.BadInput;
            }
            string? token;
            try
            {
                token = tokens.Token(parse, CliConfigFile.Load(CliConfigFile.DefaultPath()));
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"sched pbm: {e.Message}");
                return ExitCodes.BadInput;
            }

            var client = new ConsoleClient(host, port, token);
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Action<PosixSignalContext> end = signal =>
            {
                signal.Cancel = true;
                ended.Cancel();
            };
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, end);
            using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, end);
            try
            {
                if (words.Count == 0)
                    return await new PbmRepl(client, output, error).RunAsync(ended.Token);
                using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, end);
                return await client.RunAsync(words, output, error, ended.Token);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Succeeded; // a signal ended a streaming command, as the user asked
            }
            catch (ConsoleUnreachableException e)
            {
                await error.WriteLineAsync($"sched pbm: {e.Message}");
                return ExitCodes.InfrastructureFailure;
            }
        });
        return command;
    }
}
