using System.Text.Json;
using Scheduler.Agent.Tests.Cli;
using Scheduler.Agent.Tests.Pbm;
using Scheduler.Agent.Tests.Support;
using Scheduler.Cli.Commands;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.Deploy;

/// <summary>
/// <c>deploy/local/cluster</c> as a user runs it: <c>up</c> (PostgreSQL, LocalKube and three agent processes, with
/// this build's sched.dll), a task submitted through replica 1 and watched through replica 3, the cluster and the job
/// seen through the replicas' consoles, then <c>down</c>.
/// </summary>
public sealed class LocalClusterScriptTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("sched-local-cluster-").FullName;

    private LocalClusterScript Script => new(_stateDirectory);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await RunScriptAsync("down");
        Directory.Delete(_stateDirectory, recursive: true);
    }

    [Fact]
    public async Task Up_serves_one_cluster_through_every_replica_and_down_stops_every_process_it_started()
    {
        var up = await RunScriptAsync("up");
        log.WriteLine(up.Output);
        Assert.True(up.ExitCode == 0, $"cluster up exited with {up.ExitCode}:\n{up.Output}");
        var urls = ReadReplicaUrls();
        var started = Directory.GetFiles(Path.Combine(_stateDirectory, "pids"), "*.pid")
            .Select(file => StartedProcess.Read(int.Parse(File.ReadAllText(file).Trim())))
            .ToList();
        Assert.Equal(5, started.Count(p => p is not null));

        var submit = await CliRunner.InvokeAsync("submit", Examples.PathOf("hello.yaml"), "--server", urls["R1"], "--token-file", TestTokens.File(TestTokens.LocalSmall));
        Assert.True(submit.ExitCode == ExitCodes.Succeeded, submit.Error);
        var id = submit.Output.Trim();

        using var replica3 = TestTokens.Client(new Uri(urls["R3"]), TestTokens.LocalSmall, TimeSpan.FromSeconds(10));
        var state = await Eventually.UntilAsync(
            async () => JsonDocument.Parse(await replica3.GetStringAsync($"/api/v1/tasks/{id}")).RootElement.GetProperty("state").GetString(),
            s => s is "succeeded" or "failed" or "infra_failed" or "timed_out" or "cancelled",
            $"job {id} to end, seen through replica 3");
        Assert.Equal("succeeded", state);

        // Each replica's console answers for the whole cluster.
        var members = await PbmProcess.RunAsync("pbm", urls["C2"], "cluster", "show");
        Assert.True(members.ExitCode == 0, members.Error);
        Assert.Equal(3, members.OutputLines.Count(l => l.Contains(" | Up | reachable")));
        Assert.Equal("Count: 3 nodes", members.OutputLines[^1]);
        var job = await PbmProcess.RunAsync("pbm", urls["C3"], "scheduler", "job", "-i", id);
        Assert.Equal($"job {id}: succeeded", job.OutputLines.FirstOrDefault());

        var down = await RunScriptAsync("down");
        Assert.True(down.ExitCode == 0, $"cluster down exited with {down.ExitCode}:\n{down.Output}");
        Assert.Empty(started.Where(p => p!.IsAlive()).Select(p => p!.Pid));
    }

    private Dictionary<string, string> ReadReplicaUrls() => new(Script.Env);

    private Task<(int ExitCode, string Output)> RunScriptAsync(string command) => Script.RunAsync(command);

    /// <summary>A process identified by its pid and start time, so a pid reused after it ended is not mistaken for it.</summary>
    private sealed record StartedProcess(int Pid, string StartTime)
    {
        public static StartedProcess? Read(int pid) => StatOf(pid) is { } stat ? new StartedProcess(pid, stat.StartTime) : null;

        public bool IsAlive() => StatOf(Pid) is { } stat && stat.StartTime == StartTime && stat.State != "Z";

        private static (string State, string StartTime)? StatOf(int pid)
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                return null;
            }
            // After "pid (comm) ": state is field 3 of stat, starttime field 22.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0], fields[19]);
        }
    }
}
