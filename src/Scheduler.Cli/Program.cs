using System.CommandLine;
using Scheduler.Cli.Commands;

// The composition root: each subcommand lives in its own file under Commands/.
var root = new RootCommand("sched: the Scheduler CI container agent and its tools")
{
    RunCommand.Create(),
    AgentCommand.Create(),
    LocalKubeCommand.Create(),
    SubmitCommand.Create(),
    StatusCommand.Create(),
    LogsCommand.Create(),
    CancelCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine(error.Message);
    return ExitCodes.BadInput;
}

// Ctrl-C cancels the command's token; `run` then cancels the job and cleans up, which may take a while.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(35) });
