using System.CommandLine;
using Scheduler.Cli.Client;

namespace Scheduler.Cli.Commands;

/// <summary><c>sched classes</c>: each resource class's queue, slots, limit and constraint-check state.</summary>
public static class ClassesCommand
{
    public static Command Create()
    {
        var server = new ServerOptions();
        var command = new Command("classes", "Show each resource class: queued, running, limit, enabled, constraint checks");
        server.AddTo(command);
        command.SetAction((parse, ct) => AgentCall.RunAsync(parse, server, async (client, output, ct) =>
        {
            var classes = await client.GetResourceClassesAsync(ct);
            foreach (var line in ClassesRenderer.Lines(classes))
                await output.WriteLineAsync(line);
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }
}
