using System.CommandLine;

namespace Scheduler.Cli.Commands;

/// <summary><c>sched cancel ID</c>: asks the agent to stop a job (its running step is stopped and its pod deleted).</summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var server = new ServerOptions();
        var command = new Command("cancel", "Cancel a queued or running job") { id };
        server.AddTo(command);
        command.SetAction((parse, ct) => AgentCall.RunAsync(parse, server, async (client, output, ct) =>
        {
            var job = await client.CancelAsync(parse.GetValue(id)!, ct);
            await output.WriteLineAsync($"job {job.Id}: cancel requested ({job.State})");
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }
}
