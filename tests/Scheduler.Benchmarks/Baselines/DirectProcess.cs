using System.Diagnostics;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Baselines;

/// <summary>
/// The same commands LocalKube runs, started directly with <see cref="Process"/> and with stdio redirected
/// as the kubelet does: the floor any process-running kubelet has to pay.
/// </summary>
public static class DirectProcess
{
    /// <summary>
    /// Milliseconds for <see cref="Process.Start()"/> of a sleeping <c>sh</c> (it returns once sh has been exec'd); the process
    /// is then killed. The script is <c>exec sleep 600</c> so that killing the one pid leaves no orphaned sleep behind
    /// (dash forks for a plain <c>sleep 600</c>, and a process-tree kill costs ~0.5 s); the timed part is the same.
    /// </summary>
    public static async Task<double> StartSleeperAsync()
    {
        using var process = new Process { StartInfo = Redirected("sh", "-c", "exec sleep 600") };
        var start = Timing.Now();
        process.Start();
        var elapsed = Timing.MillisecondsSince(start);
        process.Kill();
        await process.WaitForExitAsync();
        return elapsed;
    }

    /// <summary>Milliseconds from start until the process has exited and its output pipes are drained.</summary>
    public static async Task<double> RunToExitAsync(string executable, params string[] arguments)
    {
        using var process = new Process { StartInfo = Redirected(executable, arguments) };
        var start = Timing.Now();
        process.Start();
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        await drain;
        var elapsed = Timing.MillisecondsSince(start);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{executable} exited {process.ExitCode}");
        return elapsed;
    }

    private static ProcessStartInfo Redirected(string executable, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }
}
