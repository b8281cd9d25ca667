using System.CommandLine;
using Scheduler.Agent;
using Scheduler.Agent.Hosting;
using Serilog;
using Serilog.Events;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>sched agent [--config FILE] [--data-dir DIR] [--listen URL] [--console HOST:PORT] [--log-format json|text]</c>: runs one
/// agent replica until Ctrl-C or SIGTERM. A bad config exits 2 with one line per bad key; a replica that cannot start exits 3,
/// and so does one whose cluster member was removed under it (downed, or told to leave through the console). Those start-up
/// errors are plain lines on stderr; once it runs, everything it says is a log event on stdout, one JSON object per line
/// unless <c>--log-format text</c>.
/// </summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "The agent config file (HOCON), layered over the built-in one" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Overrides storage.dataDirectory" };
        var listen = new Option<string?>("--listen") { Description = "Overrides api.listenUrl, e.g. http://127.0.0.1:8080" };
        var console = new Option<string?>("--console") { Description = "Overrides console.host and console.port, e.g. 127.0.0.1:9110 (port 0 picks a free one)" };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "json (default: one JSON object per line, for log collectors) or text (for people)",
            DefaultValueFactory = _ => "json",
        };
        logFormat.AcceptOnlyFromAmong("json", "text");
        var command = new Command("agent", "Run an agent replica") { config, dataDir, listen, console, logFormat };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            ConsoleLogging.Use(parse.GetValue(logFormat) == "text" ? LogFormat.Text : LogFormat.Json, LogEventLevel.Information);
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

            try
            {
                await using (host)
                {
                    var name = host.Options.Agent.Name;
                    if (host.ConsoleEndpoint is { } endpoint)
                        Log.Information("agent {Agent:l} console on {ConsoleEndpoint:l} ({PbmCommand:l})", name, endpoint.ToString(), $"sched pbm {endpoint}");
                    Log.Information("agent {Agent:l} serving {ApiUrl:l} (Ctrl-C to stop)", name, host.ApiBaseUri.ToString());
                    var stopRequested = Task.Delay(Timeout.Infinite, ct);
                    if (await Task.WhenAny(stopRequested, host.ActorSystemTerminated) != stopRequested)
                    {
                        Log.Error("sched: this replica is no longer a cluster member (downed, or told to leave); stopping");
                        return ExitCodes.InfrastructureFailure;
                    }
                    Log.Information("stopping the agent...");
                }
                return ExitCodes.Succeeded;
            }
            finally
            {
                await Log.CloseAndFlushAsync();
            }
        });
        return command;
    }
}
