using System.CommandLine;

namespace Scheduler.Cli.Commands;

/// <summary><c>sched logs ID [-f] [--offset N]</c>: a job's output, from a byte offset, optionally followed live.</summary>
public static class LogsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep streaming until the job ends" };
        var offset = new Option<long>("--offset") { Description = "Start at this byte offset of the log" };
        offset.Validators.Add(result =>
        {
            // Only a parsed value is checked: "--offset ten" already has its parse error, and reading it would throw.
            if (result.Tokens is [var token] && long.TryParse(token.Value, out var value) && value < 0)
                result.AddError("--offset must not be negative");
        });
        var server = new ServerOptions();
        var command = new Command("logs", "Print a job's log") { id, follow, offset };
        server.AddTo(command);
        command.SetAction((parse, ct) => AgentCall.RunAsync(parse, server, async (client, output, ct) =>
        {
            await client.CopyLogAsync(parse.GetValue(id)!, parse.GetValue(offset), parse.GetValue(follow), output, ct);
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }
}
