using System.Diagnostics;
using System.Threading.Channels;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>The outcome of one kubectl run.</summary>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs the real <c>kubectl --kubeconfig X …</c>, either to completion or in the background.</summary>
public sealed class Kubectl(string kubeconfigPath)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public string KubeconfigPath { get; } = kubeconfigPath;

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(args, stdin: null, timeout: null);

    /// <summary>Runs to completion; throws <see cref="TimeoutException"/> (after killing it) when it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<KubectlResult> RunAsync(IEnumerable<string> args, string? stdin, TimeSpan? timeout)
    {
        using var process = Begin(args, redirectStdin: stdin is not null);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in time; stdout so far: {await stdout}; stderr: {await stderr}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running command (<c>get -w</c>, <c>logs -f</c>, <c>exec -i</c>) whose output is read line by line.</summary>
    public KubectlStream Start(params string[] args) => new(Begin(args, redirectStdin: true));

    private Process Begin(IEnumerable<string> args, bool redirectStdin)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(KubeconfigPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }
}

/// <summary>A background kubectl: its stdout lines as they come, stdin, and its exit.</summary>
public sealed class KubectlStream : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = new();
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    internal KubectlStream(Process process)
    {
        _process = process;
        _stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line) _lines.Writer.TryWrite(line);
            _lines.Writer.TryComplete();
        });
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Every stdout line read so far by <see cref="WaitForLineAsync"/>.</summary>
    public IReadOnlyList<string> Lines => _seen;

    public StreamWriter StandardInput => _process.StandardInput;

    /// <summary>Reads lines until one satisfies <paramref name="condition"/>; throws on timeout or when the output ends first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Kubectl.DefaultTimeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    _seen.Add(line);
                    if (condition(line)) return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching kubectl output in time; lines so far:\n{string.Join('\n', _seen)}");
        }
        throw new InvalidOperationException($"kubectl output ended without a matching line; lines:\n{string.Join('\n', _seen)}\nstderr: {await _stderr}");
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Kubectl.DefaultTimeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public Task<string> StandardErrorAsync() => _stderr;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _stdout;
        _process.Dispose();
    }
}
