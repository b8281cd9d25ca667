using System.Diagnostics;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// <c>deploy/local/cluster</c> driven as a user drives it, with this build's sched.dll, in its own state directory:
/// PostgreSQL, one LocalKube and three <c>sched agent</c> processes. <see cref="Environment"/> reaches every process it
/// starts (e.g. shorter split-brain timings).
/// </summary>
public sealed class LocalClusterScript(string stateDirectory, IReadOnlyDictionary<string, string>? environment = null)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    public string StateDirectory => stateDirectory;

    /// <summary>The <c>KEY=value</c> lines of the env file <c>up</c> writes (R1…R3, C1…C3, REMOTE_PORT=(…), …).</summary>
    public IReadOnlyDictionary<string, string> Env =>
        File.ReadAllLines(Path.Combine(stateDirectory, "env"))
            .Where(line => !line.StartsWith('#') && line.Contains('='))
            .Select(line => line.Split('=', 2))
            .GroupBy(pair => pair[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    /// <summary>Replica <paramref name="n"/>'s (1-based) remoting port, as its pods' <c>scheduler.dev/replica</c> label ends.</summary>
    public int RemotePort(int n) => int.Parse(Element("REMOTE_PORT", n));

    /// <summary>Replica <paramref name="n"/>'s (1-based) address: its API's, its remoting's, and its pods' label's start.</summary>
    public string Address(int n) => Element("REPLICA_ADDRESS", n);

    private string Element(string array, int n) => Env[array].Trim('(', ')').Split(' ')[n - 1];

    public int Pid(string process) => int.Parse(File.ReadAllText(Path.Combine(stateDirectory, "pids", process + ".pid")).Trim());

    public string KubeconfigFile => Path.Combine(stateDirectory, "localkube.kubeconfig");

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] command)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(Examples.Directory, "..", "local", "cluster"));
        foreach (var arg in command)
            info.ArgumentList.Add(arg);
        info.Environment["LOCAL_CLUSTER_DIR"] = stateDirectory;
        info.Environment["SCHED_BIN"] = AgentProcess.SchedDll();
        info.Environment["START_TIMEOUT"] = "60";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        using var script = Process.Start(info)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var error = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await script.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill();
            throw new TimeoutException($"cluster {string.Join(' ', command)} did not end within {ScriptTimeout}:\n{await output}{await error}");
        }
        return (script.ExitCode, await output + await error);
    }
}
