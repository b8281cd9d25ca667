using System.CommandLine;
using Scheduler.Cli.Commands;

namespace Scheduler.Agent.Tests.Cli;

/// <summary>Runs <c>sched</c> commands in-process and captures what they print.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> InvokeAsync(params string[] args)
    {
        var root = new RootCommand("sched")
        {
            SubmitCommand.Create(),
            StatusCommand.Create(),
            LogsCommand.Create(),
            CancelCommand.Create(),
            GcCommand.Create(),
            ClassesCommand.Create(),
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new Outcome(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>A loopback URL nobody listens on: a port the OS just handed out and took back.</summary>
    public static string UnusedServerUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
