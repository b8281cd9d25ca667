using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Scheduler.Agent.Tests.Cli;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>
/// A real agent process with its console on a free port, and <c>sched pbm</c> run as a user would. The tests share
/// the agent; each looks only at what it made or at what no test changes.
/// </summary>
public sealed class ConsoleEndToEndTests(AgentProcessOnLocalKube console) : IClassFixture<AgentProcessOnLocalKube>
{
    private readonly AgentProcess _agent = console.Agent;

    [Fact]
    public async Task Cluster_show_lists_the_running_replica()
    {
        var outcome = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "cluster", "show");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"^akka\.tcp://scheduler@127\.0\.0\.1:\d+ \| roles: - \| Up \| reachable \| leader, this replica$", outcome.OutputLines[0]);
        Assert.Equal("Count: 1 nodes", outcome.OutputLines[1]);
    }

    [Theory]
    [InlineData("cluster-sharding regions", "job|resource-class|Count: 2 regions")]
    [InlineData("cluster-sharding region-stats -r resource-class", "akka.tcp://scheduler@127.0.0.1:")]
    [InlineData("actor hierarchy -d 1", "/system|/user|Count: 2 actors")]
    [InlineData("log peek", "")]
    [InlineData("scheduler class -n test/single", "class test/single: enabled|  limit      1")]
    [InlineData("gc status", "garbage collector: running on akka.tcp://scheduler@127.0.0.1:")]
    [InlineData("gc run", "garbage collection on akka.tcp://scheduler@127.0.0.1:")]
    [InlineData("constraints status", "constraint checker: on (every 15m0s and on node changes; disables a class after 3 failed checks)")]
    [InlineData("constraints check -n test/single", "constraint checker: on|test/single | enabled | failures: 0/3 | last checked: 20")]
    [InlineData("help scheduler", "scheduler: resource classes, jobs and their logs, across the cluster")]
    public async Task Each_palette_answers_on_a_running_agent(string command, string expectedLineStarts)
    {
        var outcome = await PbmProcess.RunAsync(["pbm", _agent.ConsoleEndpoint, .. command.Split(' ')]);

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.NotEmpty(outcome.OutputLines);
        foreach (var (start, line) in expectedLineStarts.Split('|', StringSplitOptions.RemoveEmptyEntries).Zip(outcome.OutputLines))
            Assert.StartsWith(start, line);
    }

    [Fact]
    public async Task Scheduler_commands_show_a_real_job_and_its_log()
    {
        var id = await SubmitAsync("resource_class: test/single\nsteps:\n  - name: greet\n    run: echo hello from the console\n");

        var logs = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "scheduler", "logs", "-i", id, "-f");
        var job = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "scheduler", "job", "-i", id);
        var jobs = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "scheduler", "jobs", "-s", "succeeded");
        var classes = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "scheduler", "classes");

        Assert.Equal(0, logs.ExitCode);
        Assert.Contains("hello from the console", logs.OutputLines);
        Assert.Equal($"job {id}: succeeded", job.OutputLines[0]);
        Assert.Contains(jobs.OutputLines, l => l.StartsWith($"{id} | test/single | succeeded | attempt 1 |"));
        // Whether the job's slot is released yet does not matter here.
        Assert.Matches(@"^test/single \| enabled \| queued: 0 \| running: [01] \| limit: 1$", classes.OutputLines[0]);
        Assert.Equal("Count: 1 classes", classes.OutputLines[1]);
    }

    [Fact]
    public async Task Bad_input_is_an_error_line_and_exit_2_and_the_console_keeps_serving()
    {
        var palette = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "bogus", "show");
        var job = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "scheduler", "job", "-i", "no-such-job");
        var argument = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "actor", "hierarchy", "-d");
        var after = await PbmProcess.RunAsync("pbm", _agent.ConsoleEndpoint, "cluster", "show");

        Assert.Equal((2, ""), (palette.ExitCode, palette.Output));
        Assert.StartsWith("unknown palette \"bogus\"", palette.Error);
        Assert.Equal(2, job.ExitCode);
        Assert.Equal("unknown job \"no-such-job\"; scheduler jobs lists them\n", job.Error);
        Assert.Equal(2, argument.ExitCode);
        Assert.Equal("actor hierarchy: -d needs a value <depth>\n", argument.Error);
        Assert.Equal(0, after.ExitCode);
    }

    [Fact]
    public async Task An_unreachable_console_exits_3_saying_so()
    {
        var endpoint = new Uri(CliRunner.UnusedServerUrl()).Authority;

        var outcome = await PbmProcess.RunAsync("pbm", endpoint, "cluster", "show");

        Assert.Equal(3, outcome.ExitCode);
        Assert.StartsWith($"sched pbm: cannot reach the console at {endpoint}", outcome.Error);
    }

    [Fact]
    public async Task The_repl_completes_runs_and_exits_in_a_terminal()
    {
        var session = $"pbm-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..30];
        await Tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40", $"dotnet {AgentProcess.SchedDll()} pbm {_agent.ConsoleEndpoint}");
        try
        {
            await AwaitScreenAsync(session, "Tab completes");
            await Tmux("send-keys", "-t", session, "clu", "Tab", " sh", "Tab");
            await AwaitScreenAsync(session, "> cluster show");
            await Tmux("send-keys", "-t", session, "Enter");
            await AwaitScreenAsync(session, "Count: 1 nodes");
            await Tmux("send-keys", "-t", session, "exit", "Enter");
            await Eventually.UntilAsync(async () => (await Tmux("has-session", "-t", session)).ExitCode, code => code != 0, "the REPL to exit");
        }
        finally
        {
            await Tmux("kill-session", "-t", session);
        }
    }

    [Fact]
    public async Task The_repl_reads_plain_lines_from_a_pipe_and_keeps_going_after_bad_input()
    {
        var outcome = await PbmProcess.RunAsync(["pbm", _agent.ConsoleEndpoint], "bogus\ncluster show\nexit\n");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("unknown palette \"bogus\"", outcome.Error);
        Assert.Contains("(exit 2)", outcome.Error);
        Assert.Contains("Count: 1 nodes", outcome.Output);
    }

    private async Task AwaitScreenAsync(string session, string text) =>
        await Eventually.UntilAsync(async () => (await Tmux("capture-pane", "-p", "-t", session)).Output, screen => screen.Contains(text),
            $"\"{text}\" on the REPL's screen", TimeSpan.FromSeconds(30));

    private static async Task<(int ExitCode, string Output)> Tmux(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    private async Task<string> SubmitAsync(string yaml)
    {
        using var http = new HttpClient { BaseAddress = _agent.ApiBaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "single-token");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
