using System.CommandLine;

namespace Scheduler.Cli.Commands;

/// <summary><c>sched submit FILE</c>: queues a task on a running agent and prints its job id.</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The task spec (YAML or JSON)" };
        var server = ServerOptions.Server();
        var token = ServerOptions.Token();
        var command = new Command("submit", "Submit a task to a running agent and print its job id") { file, server, token };
        command.SetAction((parse, ct) => AgentCall.RunAsync(parse, server, async (client, output, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(token) is not { } bearer)
            {
                await error.WriteLineAsync($"sched: a resource class token is required (--token or ${ServerOptions.TokenVariable})");
                return ExitCodes.BadInput;
            }
            if (await SpecFile.ReadAsync(parse.GetValue(file)!, error, ct) is not { } text)
                return ExitCodes.BadInput;

            var job = await client.SubmitAsync(text, bearer, ct);
            await output.WriteLineAsync(job.Id);
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }
}
