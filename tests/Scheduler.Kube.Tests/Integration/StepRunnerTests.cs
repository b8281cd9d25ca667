using Scheduler.Kube.Steps;
using Scheduler.Kube.Steps.Attach;
using Scheduler.Kube.Tests.Support;

namespace Scheduler.Kube.Tests.Integration;

public sealed class StepRunnerTests(StepRunnerFixture cluster) : IClassFixture<StepRunnerFixture>
{
    private const string Container = "build";

    /// <summary>Steps whose output and exit codes both modes must reproduce byte for byte.</summary>
    public static readonly string[] ParitySteps =
    [
        "echo hello; echo warning >&2",
        "printf 'no newline'; printf 'err no newline' >&2; exit 3",
        """
        cat <<'EOF'
        it's "quoted" $HOME `x` ü
        EOF
        for i in 1 2 3; do echo "line $i"; echo "err $i" >&2; done
        """,
        "exit 0",
        "false",
    ];

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private StepInvocation Step(string pod, int index, string script) => new(pod, Container, index, $"step-{index}", script);

    [Fact]
    public async Task Exec_returns_exit_codes_and_streams_both_outputs()
    {
        var runner = new ExecStepRunner(cluster.Connection);
        var sink = new RecordingSink();

        var ok = await runner.RunAsync(Step(cluster.ExecPod, 0, "echo out; echo err >&2"), sink, Timeout);
        var failed = await runner.RunAsync(Step(cluster.ExecPod, 1, "exit 3"), new RecordingSink(), Timeout);

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("out\n", sink.Text(OutputStream.Stdout));
        Assert.Equal("err\n", sink.Text(OutputStream.Stderr));
    }

    [Fact]
    public async Task Exec_reports_a_cut_stream_as_lost_never_as_success()
    {
        var runner = new ExecStepRunner(cluster.Connection);
        cluster.Server.Faults.CutStreams(1, afterBytes: 0);

        await Assert.ThrowsAsync<StepStreamLostException>(() =>
            runner.RunAsync(Step(cluster.ExecPod, 0, "echo before; sleep 1; echo after"), new RecordingSink(), Timeout));
    }

    [Fact]
    public async Task Exec_cancellation_closes_the_stream_and_the_process_is_killed()
    {
        var runner = new ExecStepRunner(cluster.Connection);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sink = new RecordingSink(onFirstChunk: cancel.Cancel);
        var seconds = 30 + Random.Shared.Next(1000) / 1000.0;
        var sleep = $"sleep {seconds:0.000}";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            runner.RunAsync(Step(cluster.ExecPod, 0, $"echo started; {sleep}; echo never"), sink, cancel.Token));

        Assert.Equal("started\n", sink.Text(OutputStream.Stdout));
        // "[.]" keeps pgrep from matching its own command line.
        var stillRunning = $"pgrep -f '{sleep.Replace(".", "[.]")}'";
        await Eventually.TrueAsync(
            async () => (await runner.RunAsync(Step(cluster.ExecPod, 1, stillRunning), new RecordingSink(), Timeout)).ExitCode == 1,
            "the cancelled step's process to be gone");
    }

    [Fact]
    public async Task Attach_runs_steps_in_one_shell_that_survives_a_failing_step()
    {
        var pod = await StartShellPodAsync();
        await using var runner = await AttachStepRunner.AttachAsync(cluster.Connection, pod, Container, Timeout);
        var first = new RecordingSink();
        var second = new RecordingSink();

        var failed = await runner.RunAsync(Step(pod, 0, "echo out; echo err >&2; exit 3"), first, Timeout);
        var ok = await runner.RunAsync(Step(pod, 1, "echo again"), second, Timeout);

        Assert.Equal((3, 0), (failed.ExitCode, ok.ExitCode));
        Assert.Equal(("out\n", "err\n"), (first.Text(OutputStream.Stdout), first.Text(OutputStream.Stderr)));
        Assert.Equal("again\n", second.Text(OutputStream.Stdout));
    }

    [Fact]
    public async Task Attach_reports_a_cut_stream_as_lost_and_refuses_further_steps()
    {
        var pod = await StartShellPodAsync();
        cluster.Server.Faults.CutStreams(1, afterBytes: 4);
        await using var runner = await AttachStepRunner.AttachAsync(cluster.Connection, pod, Container, Timeout);

        await Assert.ThrowsAsync<StepStreamLostException>(() =>
            runner.RunAsync(Step(pod, 0, "echo before; sleep 1; echo after"), new RecordingSink(), Timeout));
        await Assert.ThrowsAsync<StepStreamLostException>(() =>
            runner.RunAsync(Step(pod, 1, "echo next"), new RecordingSink(), Timeout));
    }

    [Fact]
    public async Task Attach_reports_a_shell_that_exits_as_lost()
    {
        var pod = await StartShellPodAsync();
        await using var runner = await AttachStepRunner.AttachAsync(cluster.Connection, pod, Container, Timeout);

        await Assert.ThrowsAsync<StepStreamLostException>(() =>
            runner.RunAsync(Step(pod, 0, "kill -9 $PPID"), new RecordingSink(), Timeout));
    }

    [Fact]
    public async Task Exec_and_attach_give_the_same_output_and_exit_codes()
    {
        var pod = await StartShellPodAsync();
        var exec = new ExecStepRunner(cluster.Connection);
        await using var attach = await AttachStepRunner.AttachAsync(cluster.Connection, pod, Container, Timeout);

        for (var i = 0; i < ParitySteps.Length; i++)
        {
            var execSink = new RecordingSink();
            var attachSink = new RecordingSink();
            var execResult = await exec.RunAsync(Step(pod, i, ParitySteps[i]), execSink, Timeout);
            var attachResult = await attach.RunAsync(Step(pod, i, ParitySteps[i]), attachSink, Timeout);

            Assert.Equal(execResult, attachResult);
            Assert.Equal(execSink.Text(OutputStream.Stdout), attachSink.Text(OutputStream.Stdout));
            Assert.Equal(execSink.Text(OutputStream.Stderr), attachSink.Text(OutputStream.Stderr));
        }
    }

    private async Task<string> StartShellPodAsync()
    {
        var name = KubeTestCluster.UniqueName("shell");
        await cluster.Gateway.CreatePodAsync(cluster.ShellPod(name, "job-" + name), Timeout);
        await cluster.WaitRunningAsync(name);
        return name;
    }
}
