using System.Diagnostics;

namespace Scheduler.Agent.Tests.Support;

/// <summary>Runs the real <c>kubectl --kubeconfig X …</c> to completion, killing it after a timeout.</summary>
public sealed class Kubectl(string kubeconfigPath)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfigPath);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in {Timeout.TotalSeconds:0}s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
