using Scheduler.Kube.Steps;
using Scheduler.Kube.Steps.Detached;
using Scheduler.Kube.Tests.Support;

namespace Scheduler.Kube.Tests.Integration;

public sealed class DetachedStepRunnerTests(StepRunnerFixture cluster) : IClassFixture<StepRunnerFixture>, IDisposable
{
    private const string Container = "build";
    private const string StepsDirectory = "../scheduler-steps";

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

    // Side effects outside the pod: LocalKube pods are host processes, so a step can count its runs here.
    private readonly string _outside = Directory.CreateTempSubdirectory("detached-steps-").FullName;
    private readonly DetachedStepRunner _runner = new(cluster.Connection, StepsDirectory);

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public void Dispose() => Directory.Delete(_outside, recursive: true);

    private static StepInvocation Step(string pod, int index, string script) => new(pod, Container, index, $"step-{index}", script);

    [Fact]
    public async Task Exec_returns_exit_codes_and_streams_both_outputs()
    {
        var pod = await StartPodAsync(attach: false);
        var sink = new RecordingSink();

        var ok = await _runner.RunAsync(Step(pod, 0, "echo out; echo err >&2"), StreamOffsets.Start, sink, null, Timeout);
        var failed = await _runner.RunAsync(Step(pod, 1, "exit 3"), StreamOffsets.Start, new RecordingSink(), null, Timeout);

        Assert.Equal((0, 3), (ok.ExitCode, failed.ExitCode));
        Assert.Equal("out\n", sink.Text(OutputStream.Stdout));
        Assert.Equal("err\n", sink.Text(OutputStream.Stderr));
    }

    [Fact]
    public async Task Running_a_step_again_follows_it_from_the_offsets_given_and_never_launches_it_twice()
    {
        var pod = await StartPodAsync(attach: false);
        var runs = Path.Combine(_outside, "runs");
        var script = $"echo run >> {runs}; echo abcdef; echo xyz >&2; exit 4";

        var first = await _runner.RunAsync(Step(pod, 0, script), StreamOffsets.Start, new RecordingSink(), null, Timeout);
        var rest = new RecordingSink();
        var second = await _runner.RunAsync(Step(pod, 0, script), new StreamOffsets(3, 1), rest, null, Timeout);

        Assert.Equal((4, 4), (first.ExitCode, second.ExitCode));
        Assert.Equal(("def\n", "yz\n"), (rest.Text(OutputStream.Stdout), rest.Text(OutputStream.Stderr)));
        Assert.Equal("run\n", await File.ReadAllTextAsync(runs));
    }

    [Fact]
    public async Task A_cut_stream_is_followed_again_from_where_it_stopped_with_no_byte_lost_or_repeated()
    {
        var pod = await StartPodAsync(attach: false);
        var sink = new RecordingSink();
        cluster.Server.Faults.CutStreams(1, afterBytes: 20);

        var result = await _runner.RunAsync(
            Step(pod, 0, "for i in 1 2 3 4 5 6 7 8; do echo \"line $i\"; sleep 0.05; done; exit 2"), StreamOffsets.Start, sink, null, Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Concat(Enumerable.Range(1, 8).Select(i => $"line {i}\n")), sink.Text(OutputStream.Stdout));
    }

    [Fact]
    public async Task A_cancelled_follow_leaves_the_step_running_until_it_is_signalled()
    {
        var pod = await StartPodAsync(attach: false);
        var marker = "detached-" + Guid.NewGuid().ToString("N");
        var step = Step(pod, 0, $"echo started; sleep 30 # {marker}");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _runner.RunAsync(step, StreamOffsets.Start, new RecordingSink(onFirstChunk: cancel.Cancel), null, cancel.Token));
        Assert.NotEmpty(HostProcesses.WithCommandLine(marker));

        await StepSignal.TerminateAsync(cluster.Connection, StepsDirectory, step, Timeout);

        await Eventually.TrueAsync(() => HostProcesses.WithCommandLine(marker).Count == 0, "the signalled step's processes to be gone");
        // The signal ends the step's whole process group, its wrapper too: no exit code is written.
        var end = await Assert.ThrowsAsync<StepInfrastructureException>(() => _runner.RunAsync(step, StreamOffsets.Start, new RecordingSink(), null, Timeout));
        Assert.Contains("without an exit code", end.Message);
    }

    [Fact]
    public async Task A_step_whose_processes_were_killed_ends_as_an_infrastructure_failure_naming_it()
    {
        var pod = await StartPodAsync(attach: false);
        var step = Step(pod, 0, "echo started; sleep 30");
        // Stop following once the step runs (its first output), so it is surely launched when its group is killed.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _runner.RunAsync(step, StreamOffsets.Start, new RecordingSink(onFirstChunk: cancel.Cancel), null, cancel.Token));

        var kill = await _runner.RunAsync(Step(pod, 1, $"read p < {StepsDirectory}/0.pid; kill -9 -$p"), StreamOffsets.Start, new RecordingSink(), null, Timeout);
        Assert.Equal(0, kill.ExitCode);

        var lost = await Assert.ThrowsAsync<StepInfrastructureException>(() => _runner.RunAsync(step, StreamOffsets.Start, new RecordingSink(), null, Timeout));
        Assert.Contains("step 1 \"step-0\"", lost.Message);
        Assert.Contains("without an exit code", lost.Message);
    }

    [Fact]
    public async Task A_pod_without_the_steps_volume_is_an_infrastructure_failure()
    {
        var pod = KubeTestCluster.UniqueName("novolume");
        await cluster.Gateway.CreatePodAsync(cluster.Pod(pod, "job-" + pod), Timeout);
        await cluster.WaitRunningAsync(pod);

        var error = await Assert.ThrowsAsync<StepInfrastructureException>(() =>
            _runner.RunAsync(Step(pod, 0, "echo hi"), StreamOffsets.Start, new RecordingSink(), null, Timeout));
        Assert.Contains("no steps volume", error.Message);
    }

    [Fact]
    public async Task Attach_launches_through_the_shell_and_both_modes_give_the_same_output_and_exit_codes()
    {
        var execPod = await StartPodAsync(attach: false);
        var attachPod = await StartPodAsync(attach: true);
        await using var launcher = await AttachLauncher.AttachAsync(cluster.Connection, attachPod, Container, Timeout);

        for (var i = 0; i < ParitySteps.Length; i++)
        {
            var execSink = new RecordingSink();
            var attachSink = new RecordingSink();
            var execResult = await _runner.RunAsync(Step(execPod, i, ParitySteps[i]), StreamOffsets.Start, execSink, null, Timeout);
            var attachResult = await _runner.RunAsync(Step(attachPod, i, ParitySteps[i]), StreamOffsets.Start, attachSink, launcher.LaunchAsync, Timeout);

            Assert.Equal(execResult, attachResult);
            Assert.Equal(execSink.Text(OutputStream.Stdout), attachSink.Text(OutputStream.Stdout));
            Assert.Equal(execSink.Text(OutputStream.Stderr), attachSink.Text(OutputStream.Stderr));
        }
    }

    [Fact]
    public async Task An_attach_launch_of_a_claimed_step_reports_it_claimed_and_does_not_run_it_again()
    {
        var pod = await StartPodAsync(attach: true);
        var runs = Path.Combine(_outside, "attach-runs");
        await using var launcher = await AttachLauncher.AttachAsync(cluster.Connection, pod, Container, Timeout);
        var step = Step(pod, 0, $"echo run >> {runs}");

        var first = await launcher.LaunchAsync(StepsDirectory, step, Timeout);
        var second = await launcher.LaunchAsync(StepsDirectory, step, Timeout);
        await _runner.RunAsync(step, StreamOffsets.Start, new RecordingSink(), launcher.LaunchAsync, Timeout);

        Assert.Equal((StepScripts.Launched, StepScripts.Claimed), (first, second));
        Assert.Equal("run\n", await File.ReadAllTextAsync(runs));
    }

    private async Task<string> StartPodAsync(bool attach)
    {
        var name = KubeTestCluster.UniqueName(attach ? "shell" : "exec");
        await cluster.Gateway.CreatePodAsync(cluster.StepPod(name, "job-" + name, attach), Timeout);
        await cluster.WaitRunningAsync(name);
        return name;
    }
}
