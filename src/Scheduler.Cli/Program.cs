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

return await root.Parse(args).InvokeAsync();
