using System.CommandLine;
using Scheduler.Cli.Client;

namespace Scheduler.Cli.Commands;

/// <summary><c>sched status ID</c>: a job's state, steps and exit codes. Exits 0 whenever it could show the job.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var server = new ServerOptions();
        var command = new Command("status", "Show a job's state, steps and exit codes") { id };
        server.AddTo(command);
        command.SetAction((parse, ct) => AgentCall.RunAsync(parse, server, async (client, output, ct) =>
        {
            var job = await client.GetAsync(parse.GetValue(id)!, ct);
            foreach (var line in JobRenderer.Summary(job))
                await output.WriteLineAsync(line);
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }
}
