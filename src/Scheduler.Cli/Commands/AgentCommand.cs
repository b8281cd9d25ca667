using System.CommandLine;
using Scheduler.Agent;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>sched agent [--config FILE] [--data-dir DIR] [--listen URL] [--console HOST:PORT]</c>: runs one agent replica until Ctrl-C or
/// SIGTERM. A bad config exits 2 with one line per bad key; a replica that cannot start exits 3, and so does one whose
/// cluster member was removed under it (downed, or told to leave through the console).
/// </summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "The agent config file (HOCON), layered over the built-in one" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Overrides storage.dataDirectory" };
        var listen = new Option<string?>("--listen") { Description = "Overrides api.listenUrl, e.g. http://127.0.0.1:8080" };
        var console = new Option<string?>("--console") { Description = "Overrides console.host and console.port, e.g. 127.0.0.1:9110 (port 0 picks a free one)" };
        var command = new Command("agent", "Run an agent replica") { config, dataDir, listen, console };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var settings = new AgentHostSettings
            {
                ConfigFile = parse.GetValue(config),
                DataDirectory = parse.GetValue(dataDir),
                ApiUrl = parse.GetValue(listen),
                ConsoleListen = parse.GetValue(console),
            };

            AgentHost host;
            try
            {
                host = await AgentHost.StartAsync(settings, ct);
            }
            catch (AgentConfigException e)
            {
                await error.WriteLineAsync($"sched: invalid agent config:{Environment.NewLine}{e.Message}");
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Succeeded;
            }
            catch (Exception e)
            {
                await error.WriteLineAsync($"sched: the agent could not start: {e.Message}");
                return ExitCodes.InfrastructureFailure;
            }

            await using (host)
            {
                if (host.ConsoleEndpoint is { } endpoint)
                    await output.WriteLineAsync($"agent {host.Options.Agent.Name} console on {endpoint} (sched pbm {endpoint})");
                await output.WriteLineAsync($"agent {host.Options.Agent.Name} serving {host.ApiBaseUri} (Ctrl-C to stop)");
                await output.FlushAsync(CancellationToken.None);
                var stopRequested = Task.Delay(Timeout.Infinite, ct);
                if (await Task.WhenAny(stopRequested, host.ActorSystemTerminated) != stopRequested)
                {
                    await error.WriteLineAsync("sched: this replica is no longer a cluster member (downed, or told to leave); stopping");
                    return ExitCodes.InfrastructureFailure;
                }
                await output.WriteLineAsync("stopping the agent...");
            }
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
