using System.Diagnostics;
using System.Text;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// The built CLI as a real child process: <c>dotnet sched.dll agent --config F --data-dir D --listen http://127.0.0.1:0
/// --console 127.0.0.1:0</c> with <c>SCHED_KUBECONFIG</c> and <c>SCHED_OPERATOR_TOKEN</c> (<see cref="TestTokens.Operator"/>)
/// set. It is "started" once <c>/readyz</c> answers 200 at the URL it logs (in JSON lines, the default).
/// Signals are real: <see cref="KillAsync"/> is SIGKILL, <see cref="Stop"/>/<see cref="Continue"/> are SIGSTOP/SIGCONT.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const string ServingPrefix = "serving ";
    private const string ConsolePrefix = "console on ";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private AgentProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public Uri ApiBaseUri { get; private set; } = null!;

    /// <summary>Where its console listens, <c>127.0.0.1:PORT</c>, as it printed it.</summary>
    public string ConsoleEndpoint { get; private set; } = null!;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to exit on its own and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>What the agent printed on stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<AgentProcess> StartAsync(string configFile, string dataDirectory, string kubeconfigFile)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        foreach (var arg in new[] { SchedDll(), "agent", "--config", configFile, "--data-dir", dataDirectory, "--listen", "http://127.0.0.1:0", "--console", "127.0.0.1:0" })
            info.ArgumentList.Add(arg);
        info.Environment["SCHED_KUBECONFIG"] = kubeconfigFile;
        info.Environment[TestTokens.OperatorVariable.Key] = TestTokens.Operator;

        Directory.CreateDirectory(dataDirectory);
        var agent = new AgentProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
        try
        {
            await agent.AwaitReadyAsync();
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    public string OutputTail(int chars)
    {
        var output = Output;
        return output.Length <= chars ? output : output[^chars..];
    }

    /// <summary>SIGKILL, then waits until the process is gone: no shutdown code of the agent runs.</summary>
    public async Task KillAsync()
    {
        PosixSignals.Send(_process.Id, PosixSignals.SigKill);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGSTOP: the agent is frozen mid-flight, holding its connections open.</summary>
    public void Stop() => PosixSignals.Send(_process.Id, PosixSignals.SigStop);

    /// <summary>SIGCONT.</summary>
    public void Continue() => PosixSignals.Send(_process.Id, PosixSignals.SigCont);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private async Task AwaitReadyAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var exited = _process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(_serving.Task, exited, Task.Delay(Timeout.Infinite, timeout.Token)) != _serving.Task)
            throw new InvalidOperationException($"the agent did not print its URL ({(_process.HasExited ? $"exited with {_process.ExitCode}" : "timed out")}):\n{Output}");
        ApiBaseUri = _serving.Task.Result;

        using var http = new HttpClient { BaseAddress = ApiBaseUri, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited)
                throw new GiveUpException($"the agent exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/readyz", timeout.Token);
                return response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !timeout.IsCancellationRequested))
            {
                // Refused, or no answer within the client's timeout (a starting agent on a busy machine): not ready yet.
                return System.Net.HttpStatusCode.ServiceUnavailable;
            }
        }, status => status == System.Net.HttpStatusCode.OK, "the agent's /readyz to answer 200", StartTimeout);
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        line = LogLines.Message(line);
        // "agent <name> console on 127.0.0.1:PORT (sched pbm 127.0.0.1:PORT)", printed before the serving line
        var console = line.IndexOf(ConsolePrefix, StringComparison.Ordinal);
        if (line.StartsWith("agent ", StringComparison.Ordinal) && console > 0)
            ConsoleEndpoint = line[(console + ConsolePrefix.Length)..].Split(' ')[0];
        // "agent <name> serving http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        var at = line.IndexOf(ServingPrefix, StringComparison.Ordinal);
        if (line.StartsWith("agent ", StringComparison.Ordinal) && at > 0)
            _serving.TrySetResult(new Uri(line[(at + ServingPrefix.Length)..].Split(' ')[0]));
    }

    /// <summary>src/Scheduler.Cli/bin/&lt;configuration&gt;/&lt;tfm&gt;/sched.dll, with this test assembly's configuration and tfm.</summary>
    public static string SchedDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (output.Name, output.Parent!.Name);
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Scheduler.Cli", "bin", configuration, tfm, "sched.dll");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"sched.dll ({configuration}/{tfm}) not found above {output.FullName}; build src/Scheduler.Cli");
    }
}
