using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>
/// The built CLI run as a real process: <c>dotnet sched.dll localkube --port P --kubeconfig K [extra args]</c>. sched.dll is the
/// Scheduler.Cli build output (the test project references it with ReferenceOutputAssembly=false, so it is built first).
/// </summary>
public sealed class SchedLocalKubeProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int NoSuchProcess = 3;
    private readonly Process _process;
    private readonly OutputLines _stdout;

    private SchedLocalKubeProcess(Process process, int port, string kubeconfigPath)
    {
        _process = process;
        Port = port;
        KubeconfigPath = kubeconfigPath;
        _stdout = new OutputLines(process.StandardOutput);
        Stderr = new OutputLines(process.StandardError);
    }

    public int Port { get; }

    public string KubeconfigPath { get; }

    public bool HasExited => _process.HasExited;

    public OutputLines Stderr { get; }

    public int ExitCode => _process.ExitCode;

    public static SchedLocalKubeProcess Start(string directory, params string[] extraArgs)
    {
        var port = FreePort();
        var kubeconfig = Path.Combine(directory, "localkube.kubeconfig");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[] { SchedDll(), "localkube", "--port", port.ToString(), "--kubeconfig", kubeconfig, "--data-dir", Path.Combine(directory, "data") })
            info.ArgumentList.Add(arg);
        foreach (var arg in extraArgs)
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        return new SchedLocalKubeProcess(process, port, kubeconfig);
    }

    /// <summary>Reads stdout until a line contains <paramref name="text"/>; throws on timeout or when the process ends first.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        try
        {
            return await _stdout.WaitForLineAsync(text, timeout)
                ?? throw new InvalidOperationException($"sched localkube exited before printing \"{text}\"; {await OutputAsync()}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"sched localkube printed no \"{text}\" on stdout in time: {e.Message}");
        }
    }

    /// <summary>Sends SIGTERM; false when the process is already gone (ESRCH).</summary>
    public bool SendSigterm()
    {
        if (Kill(_process.Id, SigTerm) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == NoSuchProcess ? false : throw new InvalidOperationException($"kill(SIGTERM) failed: errno {errno}");
    }

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Everything printed so far (all of it once the process has exited).</summary>
    public string Output() => $"stdout:\n{string.Join('\n', _stdout.SoFar())}\nstderr:\n{string.Join('\n', Stderr.SoFar())}";

    public async Task<string> OutputAsync()
    {
        await Task.WhenAll(_stdout.Completion, Stderr.Completion);
        return Output();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdout.Completion, Stderr.Completion);
        _process.Dispose();
    }

    /// <summary>src/Scheduler.Cli/bin/&lt;configuration&gt;/&lt;tfm&gt;/sched.dll, with this test assembly's configuration and tfm.</summary>
    private static string SchedDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (output.Name, output.Parent!.Name);
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Scheduler.Cli", "bin", configuration, tfm, "sched.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"sched.dll ({configuration}/{tfm}) not found above {output.FullName}; build src/Scheduler.Cli");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
