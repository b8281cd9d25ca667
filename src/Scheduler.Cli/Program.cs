using System.Runtime.InteropServices;
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
    GcCommand.Create(),
    ClassesCommand.Create(),
    PbmCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine(error.Message);
    return ExitCodes.BadInput;
}

// System.CommandLine unregisters its SIGTERM/SIGINT handlers once the command returns, and a signal arriving after
// that would end an otherwise clean exit with 143. These registrations keep such late signals from overriding it;
// they are deliberately never disposed, so they also cover the moments after Main returns.
var lateSignals = new[]
{
    PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true),
    PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true),
};

// Ctrl-C cancels the command's token; `run` then cancels the job and cleans up, which may take a while.
// `pbm` handles its signals itself: in its REPL, Ctrl-C ends the running command, not the REPL.
var exitCode = await parsed.InvokeAsync(new InvocationConfiguration
{
    ProcessTerminationTimeout = parsed.CommandResult.Command.Name == "pbm" ? null : TimeSpan.FromSeconds(35),
});
GC.KeepAlive(lateSignals);
return exitCode;
