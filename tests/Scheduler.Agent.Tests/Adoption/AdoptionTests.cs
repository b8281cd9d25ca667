using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Adoption;

/// <summary>
/// Steps outlive the agent: a real agent process is SIGKILLed (or frozen) with a step in flight and a new one,
/// started on the same data directory, adopts the step. Run once per execution mode by the subclasses.
/// </summary>
public abstract class AdoptionTests(AdoptionCluster cluster, string mode) : IClassFixture<AdoptionCluster>, IAsyncLifetime
{
    private static readonly TimeSpan HoldLaunches = TimeSpan.FromSeconds(10);
    private AdoptionScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await AdoptionScenario.StartAsync(cluster, mode);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    /// <summary>The harness's own check: without a restart, the expected log, run counts and cleanup hold today.</summary>
    [Fact]
    public async Task Without_a_restart_the_log_is_exactly_the_steps_output_and_each_step_runs_once()
    {
        var job = await _scenario.SubmitAsync([StepScripts.Ticks("ticks", 5), StepScripts.Quick("after")]);

        var (view, log) = await _scenario.AwaitEndAsync(job.Id);
        Assert.True(view.State == JobStates.Succeeded, AdoptionScenario.Describe(view));
        Assert.Equal(StepScripts.TicksOutput(5) + "after ran\n", log);
        Assert.Equal(1, _scenario.RunCount("ticks.runs"));
        Assert.Equal(1, _scenario.RunCount("after.runs"));
        await _scenario.AssertNothingLeftAsync(job.Id);
    }

    [Fact]
    public async Task A_step_running_when_the_agent_is_killed_is_followed_to_its_end_and_logged_exactly_once()
    {
        var job = await _scenario.SubmitAsync([StepScripts.Ticks("ticks", 40), StepScripts.Quick("after")]);
        await _scenario.AwaitLogContainsAsync(job.Id, "tick 3\n");

        await _scenario.Agent.KillAsync();
        await _scenario.StartAgentAsync();

        var (view, log) = await _scenario.AwaitEndAsync(job.Id);
        Assert.True(view.State == JobStates.Succeeded, AdoptionScenario.Describe(view));
        Assert.Equal(StepScripts.TicksOutput(40) + "after ran\n", log);
        Assert.Equal(1, _scenario.RunCount("ticks.runs"));
        Assert.Equal(1, _scenario.RunCount("after.runs"));
        await _scenario.AssertNothingLeftAsync(job.Id);
    }

    [Fact]
    public async Task A_kill_after_one_step_finished_and_before_the_next_was_launched_runs_the_next_step_once()
    {
        var job = await _scenario.SubmitAsync([StepScripts.Gated("first"), StepScripts.Quick("second")]);
        await _scenario.AwaitLogContainsAsync(job.Id, "first started\n");

        // Holds the agent's next exec request while "first" is recorded. In exec mode that request launches "second";
        // in attach mode "second" is launched through the attach session already open, and the held exec is its follow.
        _scenario.Kube.Faults.AddLatency(HoldLaunches, "create", "pods/exec");
        _scenario.Kube.Faults.AddLatency(HoldLaunches, "create", "pods/attach");
        File.WriteAllText(_scenario.EffectPath("first.release"), "");
        await _scenario.AwaitViewAsync(job.Id, v => v.Steps[0].State == JobStates.Succeeded, "step 1 to be recorded as succeeded");
        await _scenario.Agent.KillAsync();
        if (mode == "exec")
            Assert.True(_scenario.RunCount("second.runs") == 0,
                "precondition: step 2 must not have run before the kill (the latency on pods/exec did not hold its launch)");
        _scenario.Kube.Faults.Clear();
        await _scenario.StartAgentAsync();

        var (view, log) = await _scenario.AwaitEndAsync(job.Id);
        Assert.True(view.State == JobStates.Succeeded, AdoptionScenario.Describe(view));
        Assert.Equal(StepScripts.GatedOutput("first") + "second ran\n", log);
        Assert.Equal(1, _scenario.RunCount("first.runs"));
        Assert.Equal(1, _scenario.RunCount("second.runs"));
        await _scenario.AssertNothingLeftAsync(job.Id);
    }

    [Fact]
    public async Task A_step_that_succeeded_while_the_agent_was_frozen_and_then_killed_is_recorded_and_the_job_goes_on()
    {
        var job = await _scenario.SubmitAsync([StepScripts.Gated("work"), StepScripts.Quick("after")]);
        await FinishGatedStepWhileTheAgentIsFrozenThenKillItAsync(job.Id, "work");
        await _scenario.StartAgentAsync();

        var (view, log) = await _scenario.AwaitEndAsync(job.Id);
        Assert.True(view.State == JobStates.Succeeded, AdoptionScenario.Describe(view));
        Assert.Equal(0, view.Steps[0].ExitCode);
        Assert.Equal(StepScripts.GatedOutput("work") + "after ran\n", log);
        Assert.Equal(1, _scenario.RunCount("work.runs"));
        Assert.Equal(1, _scenario.RunCount("after.runs"));
        await _scenario.AssertNothingLeftAsync(job.Id);
    }

    [Fact]
    public async Task A_step_that_failed_while_the_agent_was_frozen_and_then_killed_fails_the_job_with_its_exit_code()
    {
        var job = await _scenario.SubmitAsync([StepScripts.Gated("work", exitCode: 3), StepScripts.Quick("after")]);
        await FinishGatedStepWhileTheAgentIsFrozenThenKillItAsync(job.Id, "work");
        await _scenario.StartAgentAsync();

        var (view, log) = await _scenario.AwaitEndAsync(job.Id);
        Assert.True(view.State == JobStates.Failed, AdoptionScenario.Describe(view));
        Assert.Equal(3, view.Steps[0].ExitCode);
        Assert.Contains("exited with code 3", view.FailureReason);
        Assert.Equal(StepScripts.GatedOutput("work"), log);
        Assert.Equal(1, _scenario.RunCount("work.runs"));
        Assert.Equal(0, _scenario.RunCount("after.runs"));
        await _scenario.AssertNothingLeftAsync(job.Id);
    }

    [Fact]
    public async Task A_step_killed_inside_the_pod_while_the_agent_was_down_fails_the_job_naming_the_step()
    {
        var job = await _scenario.SubmitAsync([StepScripts.Endless("endless"), StepScripts.Quick("after")]);
        await _scenario.AwaitLogContainsAsync(job.Id, "tick 2\n");
        var podName = (await _scenario.GetAsync(job.Id)).PodName!;

        await _scenario.Agent.KillAsync();
        var stepGroup = await KillStepProcessGroupAsync(podName, stepIndex: 0);
        await _scenario.StartAgentAsync();

        var (view, log) = await _scenario.AwaitEndAsync(job.Id);
        Assert.True(view.State == JobStates.InfraFailed, AdoptionScenario.Describe(view));
        Assert.True(view.FailureReason!.Contains("step 1") || view.FailureReason.Contains("endless"), $"the reason names no step: {view.FailureReason}");
        Assert.DoesNotContain("the agent stopped while", view.FailureReason); // today's verdict without looking at the step
        AssertTicksInOrder(log);
        Assert.Equal(1, _scenario.RunCount("endless.runs"));
        Assert.Equal(0, _scenario.RunCount("after.runs"));
        Assert.Empty(HostProcesses.InGroup(stepGroup));
        await _scenario.AssertNothingLeftAsync(job.Id);
    }

    [Fact]
    public async Task Cancel_stops_an_adopted_step_and_leaves_no_process_and_no_pod()
    {
        var job = await _scenario.SubmitAsync([StepScripts.Endless("endless"), StepScripts.Quick("after")]);
        await _scenario.AwaitLogContainsAsync(job.Id, "tick 2\n");

        await _scenario.Agent.KillAsync();
        await _scenario.StartAgentAsync();
        await AwaitAdoptedStepOutputAsync(job.Id);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await _scenario.Client.CancelAsync(job.Id, cts.Token);

        var (view, log) = await _scenario.AwaitEndAsync(job.Id);
        Assert.True(view.State == JobStates.Cancelled, AdoptionScenario.Describe(view));
        AssertTicksInOrder(log);
        Assert.Equal(1, _scenario.RunCount("endless.runs"));
        Assert.Equal(0, _scenario.RunCount("after.runs"));
        await _scenario.AssertNothingLeftAsync(job.Id);
    }

    [Fact]
    public async Task The_task_timeout_still_ends_an_adopted_step()
    {
        // Long enough for the restarted agent to adopt the step first: a deadline already past at recovery proves nothing.
        var job = await _scenario.SubmitAsync([StepScripts.Endless("endless"), StepScripts.Quick("after")], timeout: "30s");
        await _scenario.AwaitLogContainsAsync(job.Id, "tick 2\n");

        await _scenario.Agent.KillAsync();
        await _scenario.StartAgentAsync();
        await AwaitAdoptedStepOutputAsync(job.Id);

        var (view, log) = await _scenario.AwaitEndAsync(job.Id);
        Assert.True(view.State == JobStates.TimedOut, AdoptionScenario.Describe(view));
        AssertTicksInOrder(log);
        Assert.Equal(1, _scenario.RunCount("endless.runs"));
        Assert.Equal(0, _scenario.RunCount("after.runs"));
        await _scenario.AssertNothingLeftAsync(job.Id);
    }

    /// <summary>
    /// Lets the gated step finish while the agent is SIGSTOPped, so it cannot see the end, then SIGKILLs it: the step
    /// has exited (its last act is done, and its exit code file is written) but the agent recorded nothing of it.
    /// </summary>
    private async Task FinishGatedStepWhileTheAgentIsFrozenThenKillItAsync(string jobId, string step)
    {
        await _scenario.AwaitLogContainsAsync(jobId, $"{step} started\n");
        var podName = (await _scenario.GetAsync(jobId)).PodName!;
        var exitCodeFile = await _scenario.StepFileAsync(podName, 0, "rc");

        _scenario.Agent.Stop();
        File.WriteAllText(_scenario.EffectPath($"{step}.release"), "");
        await Eventually.UntilAsync(() => File.Exists(_scenario.EffectPath($"{step}.done")), $"step {step} to finish");
        // The exit code file is written once the step has exited.
        await Eventually.UntilAsync(() => File.Exists(exitCodeFile) && new FileInfo(exitCodeFile).Length > 0, exitCodeFile);
        await _scenario.Agent.KillAsync();
    }

    /// <summary>SIGKILLs the step's process group, read from its <c>pid</c> file; returns the group.</summary>
    private async Task<int> KillStepProcessGroupAsync(string podName, int stepIndex)
    {
        var pidFile = await _scenario.StepFileAsync(podName, stepIndex, "pid");
        await Eventually.UntilAsync(() => File.Exists(pidFile) && new FileInfo(pidFile).Length > 0, $"{pidFile} (the detached step's process group leader)", TimeSpan.FromSeconds(10));
        var group = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.True(PosixSignals.Send(-group, PosixSignals.SigKill), $"no process group {group} to kill");
        await Eventually.UntilAsync(() => HostProcesses.InGroup(group).Count == 0, $"process group {group} to die");
        return group;
    }

    /// <summary>The restarted agent follows the adopted step: the step shows running and new output reaches the log.</summary>
    private async Task AwaitAdoptedStepOutputAsync(string jobId)
    {
        var atRestart = await _scenario.StoredLogAsync(jobId);
        await _scenario.AwaitViewAsync(jobId, v => v.Steps[0].State == JobStates.Running, "the adopted step to show running");
        await _scenario.AwaitLogAsync(jobId, log => log.Length > atRestart.Length, "output after the restart");
    }

    /// <summary>The log is "tick 1" … "tick n" (n ≥ 2), one per line: nothing lost, nothing twice.</summary>
    private static void AssertTicksInOrder(string log)
    {
        Assert.EndsWith("\n", log);
        var lines = log[..^1].Split('\n');
        Assert.True(lines.Length >= 2, $"expected at least two ticks: {log}");
        Assert.Equal(StepScripts.TicksOutput(lines.Length), log);
    }
}

public sealed class ExecAdoptionTests(AdoptionCluster cluster) : AdoptionTests(cluster, "exec");

public sealed class AttachAdoptionTests(AdoptionCluster cluster) : AdoptionTests(cluster, "attach");
