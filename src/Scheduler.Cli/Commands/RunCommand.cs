using System.CommandLine;
using Scheduler.Agent.Hosting;
using Serilog.Events;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>sched run FILE</c>: runs one task end to end on this machine (embedded agent, SQLite, LocalKube) and exits
/// with the task's outcome (<see cref="ExitCodes"/>). The work is done by <see cref="RunCommandHandler"/>. The embedded
/// agent's warnings and errors go to stderr as text lines.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The task spec (YAML or JSON)" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Run on the cluster of this kubeconfig instead of an embedded LocalKube" };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use" };
        var config = new Option<string?>("--config") { Description = "An agent config file (HOCON) layered over the built-in one" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Keep the agent's state here (default: a temporary directory, deleted afterwards)" };
        var keepData = new Option<bool>("--keep-data") { Description = "Do not delete the temporary data directory" };
        var command = new Command("run", "Run a task on this machine and stream its output")
        {
            file, kubeconfig, context, config, dataDir, keepData,
        };
        command.SetAction((parse, ct) =>
        {
            // What the embedded agent logs is for people here, and only when it matters; stdout is the task's output.
            ConsoleLogging.Use(LogFormat.Text, LogEventLevel.Warning, toStandardError: true);
            var settings = new RunSettings(
                parse.GetValue(file)!, parse.GetValue(kubeconfig), parse.GetValue(context), parse.GetValue(config),
                parse.GetValue(dataDir), parse.GetValue(keepData));
            var handler = new RunCommandHandler(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            return handler.RunAsync(settings, ct);
        });
        return command;
    }
}
