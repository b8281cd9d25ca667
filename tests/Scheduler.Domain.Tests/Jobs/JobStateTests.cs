using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;
using static Scheduler.Domain.Tests.Jobs.JobFixtures;

namespace Scheduler.Domain.Tests.Jobs;

public class JobStateTests
{
    [Fact]
    public void A_submitted_job_is_queued_with_pending_steps_and_no_pod()
    {
        var state = Queued();
        Assert.Equal(JobPhase.Queued, state.Phase);
        Assert.Equal(["s1", "s2"], state.Steps.Select(s => s.Name));
        Assert.All(state.Steps, s => Assert.Equal(StepPhase.Pending, s.Phase));
        Assert.Null(state.PodName);
        Assert.False(state.IsTerminal);
    }

    [Fact]
    public void The_happy_path_records_steps_exit_codes_and_timestamps()
    {
        var state = Running()
            .Apply(new StepStarted(0, At(4))).Apply(new StepFinished(0, 0, At(5)))
            .Apply(new StepStarted(1, At(6))).Apply(new StepFinished(1, 0, At(7)))
            .Apply(new JobSucceeded(At(8)));

        Assert.Equal(JobPhase.Succeeded, state.Phase);
        Assert.True(state.IsTerminal);
        Assert.False(state.CleanedUp);
        Assert.Equal("sched-t-job1-1", state.PodName);
        Assert.Equal("node-a", state.NodeName);
        Assert.Equal(At(1), state.ClaimedAt);
        Assert.Equal(At(3), state.RunningAt);
        Assert.Equal(At(8), state.FinishedAt);
        Assert.Equal(new JobStep("s2", StepPhase.Succeeded, 0, At(6), At(7)), state.Steps[1]);
        Assert.Null(state.FailureReason);

        Assert.True(state.Apply(new ResourcesCleanedUp(At(9))).CleanedUp);
    }

    [Fact]
    public void A_failing_step_fails_the_job_with_step_and_exit_code()
    {
        var state = Running()
            .Apply(new StepStarted(0, At(4))).Apply(new StepFinished(0, 3, At(5)))
            .Apply(new JobFailed(0, 3, "step 1 \"s1\" exited with code 3", At(6)));

        Assert.Equal(JobPhase.Failed, state.Phase);
        Assert.Equal(0, state.FailedStepIndex);
        Assert.Equal(StepPhase.Failed, state.Steps[0].Phase);
        Assert.Equal(3, state.Steps[0].ExitCode);
        Assert.Equal(StepPhase.Pending, state.Steps[1].Phase);
        Assert.Contains("exited with code 3", state.FailureReason);
    }

    [Fact]
    public void Timeout_interrupts_the_running_step()
    {
        var state = Running().Apply(new StepStarted(0, At(4))).Apply(new JobTimedOut(TimeSpan.FromMinutes(5), At(300)));
        Assert.Equal(JobPhase.TimedOut, state.Phase);
        Assert.Equal(StepPhase.Interrupted, state.Steps[0].Phase);
        Assert.Equal(At(300), state.Steps[0].FinishedAt);
        Assert.Equal("timed out after 5m0s", state.FailureReason);
    }

    [Fact]
    public void Infra_failure_keeps_reason_and_quoted_events()
    {
        var state = Queued().Apply(new JobClaimed(1, At(1))).Apply(new PodCreated("p", At(2)))
            .Apply(new JobInfraFailed("ErrImagePull", "Failed: pull access denied", At(3)));
        Assert.Equal(JobPhase.InfraFailed, state.Phase);
        Assert.Equal("ErrImagePull: Failed: pull access denied", state.FailureReason);
        Assert.False(state.CleanedUp);
    }

    [Fact]
    public void Cancel_while_queued_ends_at_once_with_nothing_to_clean()
    {
        var state = Queued().Apply(new JobCancelRequested(At(1)));
        Assert.Equal(JobPhase.Cancelled, state.Phase);
        Assert.True(state.CleanedUp);
        Assert.False(state.CanCancel);
    }

    [Fact]
    public void Cancel_while_running_waits_for_the_stop()
    {
        var requested = Running().Apply(new StepStarted(0, At(4))).Apply(new JobCancelRequested(At(5)));
        Assert.Equal(JobPhase.Running, requested.Phase);
        Assert.True(requested.CancelRequested);

        var cancelled = requested.Apply(new JobCancelled(At(6)));
        Assert.Equal(JobPhase.Cancelled, cancelled.Phase);
        Assert.Equal(StepPhase.Interrupted, cancelled.Steps[0].Phase);
        Assert.False(cancelled.CleanedUp);
    }

    [Fact]
    public void Deadline_counts_from_the_claim()
    {
        Assert.Null(Queued().Deadline(TimeSpan.FromHours(5)));
        Assert.Equal(At(1).AddHours(5), Running().Deadline(TimeSpan.FromHours(5)));
        Assert.Equal(At(1).AddMinutes(10), Running(Spec(timeout: TimeSpan.FromMinutes(10))).Deadline(TimeSpan.FromHours(5)));
    }

    [Fact]
    public void Secret_name_exists_only_for_tasks_with_secrets()
    {
        Assert.Null(Running().SecretName);
        Assert.Equal("sched-t-job1-1-secrets", Queued(Spec(secrets: true)).Apply(new JobClaimed(1, At(1))).SecretName);
    }

    public static TheoryData<string, Func<JobState>, IJobEvent> InvalidTransitions() => new()
    {
        { "resubmit", () => Queued(), new JobSubmitted(Id, Spec(), At(1)) },
        { "claim twice", () => Running(), new JobClaimed(2, At(5)) },
        { "wrong attempt", () => Queued(), new JobClaimed(2, At(1)) },
        { "pod before claim", () => Queued(), new PodCreated("p", At(1)) },
        { "pod before secret", () => Queued(Spec(secrets: true)).Apply(new JobClaimed(1, At(1))), new PodCreated("p", At(2)) },
        { "secret without secrets", () => Queued().Apply(new JobClaimed(1, At(1))), new SecretCreated("s", At(2)) },
        { "running before created", () => Queued().Apply(new JobClaimed(1, At(1))), new PodRunning(null, At(2)) },
        { "step out of order", () => Running(), new StepStarted(1, At(4)) },
        { "two steps at once", () => Running().Apply(new StepStarted(0, At(4))), new StepStarted(1, At(5)) },
        { "finish unstarted step", () => Running(), new StepFinished(0, 0, At(4)) },
        { "finish unknown step", () => Running(), new StepFinished(9, 0, At(4)) },
        { "succeed early", () => Running().Apply(new StepStarted(0, At(4))).Apply(new StepFinished(0, 0, At(5))), new JobSucceeded(At(6)) },
        { "fail by a good step", () => Running().Apply(new StepStarted(0, At(4))).Apply(new StepFinished(0, 0, At(5))), new JobFailed(0, 0, "x", At(6)) },
        { "time out while queued", () => Queued(), new JobTimedOut(TimeSpan.FromMinutes(1), At(1)) },
        { "cancel twice", () => Running().Apply(new JobCancelRequested(At(4))), new JobCancelRequested(At(5)) },
        { "cancelled without request", () => Running(), new JobCancelled(At(4)) },
        { "cancel after end", () => Queued().Apply(new JobCancelRequested(At(1))), new JobCancelRequested(At(2)) },
        { "clean up a live job", () => Running(), new ResourcesCleanedUp(At(4)) },
        { "infra fail after end", () => Running().Apply(new JobTimedOut(TimeSpan.FromMinutes(1), At(4))), new JobInfraFailed("x", "y", At(5)) },
    };

    [Theory]
    [MemberData(nameof(InvalidTransitions))]
    public void Invalid_transitions_are_rejected(string name, Func<JobState> given, IJobEvent e)
    {
        var state = given();
        Assert.NotNull(state.Validate(e));
        var ex = Assert.Throws<InvalidJobTransitionException>(() => state.Apply(e));
        Assert.Same(e, ex.Event);
        Assert.Equal(state.Phase, ex.Phase);
        Assert.Contains(e.GetType().Name, ex.Message + name);
    }

    [Fact]
    public void Replay_folds_a_history_and_requires_submission_first()
    {
        var state = JobState.Replay([new JobSubmitted(Id, Spec(), T0), new JobClaimed(1, At(1)), new PodCreated("p", At(2))]);
        Assert.Equal(JobPhase.Starting, state.Phase);
        Assert.Throws<ArgumentException>(() => JobState.Replay([new JobClaimed(1, At(1))]));
        Assert.Throws<ArgumentException>(() => JobState.Replay([]));
    }

    [Fact]
    public void ToString_never_shows_secret_values()
    {
        var state = Queued(Spec(secrets: true));
        Assert.DoesNotContain("abcd1234", state.ToString());
        Assert.DoesNotContain("abcd1234", new JobSubmitted(Id, Spec(secrets: true), T0).ToString());
    }

    [Fact]
    public void A_stall_keeps_its_start_across_new_messages_of_its_kind_and_ends_when_the_pod_runs()
    {
        var starting = Queued().Apply(new JobClaimed(1, At(1))).Apply(new PodCreated("sched-t-job1-1", At(2)));

        var full = starting
            .Apply(new PodStalled(PodStallKind.NoRoom, "Unschedulable", "0/2 nodes are available: 2 Too many pods.", At(3)))
            .Apply(new PodStalled(PodStallKind.NoRoom, "Unschedulable", "0/2 nodes are available: 2 Insufficient cpu.", At(9)));
        Assert.Equal(new PodStall(PodStallKind.NoRoom, "Unschedulable", "0/2 nodes are available: 2 Insufficient cpu.", At(3)), full.Stall);

        var pulling = full.Apply(new PodStalled(PodStallKind.ImagePull, "ErrImagePull", "not found", At(12)));
        Assert.Equal(new PodStall(PodStallKind.ImagePull, "ErrImagePull", "not found", At(12)), pulling.Stall);

        var running = pulling.Apply(new PodRunning("node-a", At(20)));
        Assert.Null(running.Stall);
        Assert.NotNull(running.Validate(new PodStalled(PodStallKind.NoRoom, "Unschedulable", "late", At(21))));
    }
}
