using System.Diagnostics;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary><c>dotnet sched.dll …</c> as a child process, run to its end.</summary>
internal static class PbmProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Task<Outcome> RunAsync(params string[] args) => RunAsync(args, input: null);

    /// <param name="input">Written to its stdin, which is then closed; null leaves stdin alone.</param>
    /// <param name="environment">Variables set for it; a null value removes the variable.</param>
    public static async Task<Outcome> RunAsync(string[] args, string? input, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false,
        };
        info.ArgumentList.Add(AgentProcess.SchedDll());
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                info.Environment.Remove(name);
            else
                info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sched {string.Join(' ', args)} did not end within 60s: {await output}{await error}");
        }
        return new Outcome(process.ExitCode, await output, await error);
    }
}
