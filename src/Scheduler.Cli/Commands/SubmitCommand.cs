using System.CommandLine;

namespace Scheduler.Cli.Commands;

/// <summary><c>sched submit FILE</c>: queues a task on a running agent and prints its job id.</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The task spec (YAML or JSON)" };
        var server = new ServerOptions();
        var command = new Command("submit", "Submit a task to a running agent and print its job id") { file };
        server.AddTo(command);
        command.SetAction((parse, ct) => AgentCall.RunAsync(parse, server, async (client, output, ct) =>
        {
            if (await SpecFile.ReadAsync(parse.GetValue(file)!, parse.InvocationConfiguration.Error, ct) is not { } text)
                return ExitCodes.BadInput;

            var job = await client.SubmitAsync(text, ct);
            await output.WriteLineAsync(job.Id);
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }
}
