using System.CommandLine;
using Scheduler.Cli.Client;

namespace Scheduler.Cli.Commands;

/// <summary><c>sched gc [--run]</c>: the garbage collector's status, or a pass run now and what it deleted.</summary>
public static class GcCommand
{
    public static Command Create()
    {
        var run = new Option<bool>("--run") { Description = "Run a garbage collection pass now and show what it deleted" };
        var server = new ServerOptions();
        var command = new Command("gc", "Show the garbage collector's status, or run it now") { run };
        server.AddTo(command);
        command.SetAction((parse, ct) => AgentCall.RunAsync(parse, server, async (client, output, ct) =>
        {
            var lines = parse.GetValue(run)
                ? GarbageCollectorRenderer.Run(await client.RunGarbageCollectorAsync(ct))
                : GarbageCollectorRenderer.Status(await client.GarbageCollectorStatusAsync(ct));
            foreach (var line in lines)
                await output.WriteLineAsync(line);
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }
}
