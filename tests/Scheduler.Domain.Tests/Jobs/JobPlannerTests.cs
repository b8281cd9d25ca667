using Scheduler.Domain.Jobs;
using static Scheduler.Domain.Tests.Jobs.JobFixtures;

namespace Scheduler.Domain.Tests.Jobs;

public class JobPlannerTests
{
    [Fact]
    public void Walks_a_job_with_secrets_through_its_whole_life()
    {
        var state = Queued(Spec(secrets: true));
        Assert.Equal(new JobAction.None(), JobPlanner.Next(state));

        state = state.Apply(new JobClaimed(1, At(1)));
        Assert.Equal(new JobAction.CreateSecret("sched-t-job1-1-secrets"), JobPlanner.Next(state));

        state = state.Apply(new SecretCreated("sched-t-job1-1-secrets", At(2)));
        Assert.Equal(new JobAction.CreatePod("sched-t-job1-1"), JobPlanner.Next(state));

        state = state.Apply(new PodCreated("sched-t-job1-1", At(3)));
        Assert.Equal(new JobAction.AwaitPodRunning("sched-t-job1-1"), JobPlanner.Next(state));

        state = state.Apply(new PodRunning("n", At(4)));
        Assert.Equal(new JobAction.RunStep(0), JobPlanner.Next(state));

        state = state.Apply(new StepStarted(0, At(5))).Apply(new StepFinished(0, 0, At(6)));
        Assert.Equal(new JobAction.RunStep(1), JobPlanner.Next(state));

        state = state.Apply(new StepStarted(1, At(7))).Apply(new StepFinished(1, 0, At(8)));
        Assert.Equal(new JobAction.CompleteSucceeded(), JobPlanner.Next(state));

        state = state.Apply(new JobSucceeded(At(9)));
        Assert.Equal(new JobAction.Cleanup("sched-t-job1-1", "sched-t-job1-1-secrets"), JobPlanner.Next(state));

        state = state.Apply(new ResourcesCleanedUp(At(10)));
        Assert.Equal(new JobAction.None(), JobPlanner.Next(state));
    }

    [Fact]
    public void Without_secrets_the_pod_is_created_right_after_the_claim()
    {
        Assert.Equal(new JobAction.CreatePod("sched-t-job1-1"), JobPlanner.Next(Queued().Apply(new JobClaimed(1, At(1)))));
    }

    [Fact]
    public void A_recovered_job_resumes_the_step_in_flight_instead_of_rerunning_it()
    {
        var state = Running(Spec(steps: 3))
            .Apply(new StepStarted(0, At(4))).Apply(new StepFinished(0, 0, At(5)))
            .Apply(new StepStarted(1, At(6)));
        Assert.Equal(new JobAction.FollowStep(1), JobPlanner.Next(state));
    }

    [Fact]
    public void A_non_zero_exit_code_completes_the_job_as_failed_without_running_later_steps()
    {
        var state = Running(Spec(steps: 3)).Apply(new StepStarted(0, At(4))).Apply(new StepFinished(0, 7, At(5)));
        Assert.Equal(new JobAction.CompleteFailed(0, 7, "step 1 \"s1\" exited with code 7"), JobPlanner.Next(state));
    }

    [Fact]
    public void A_cancel_request_wins_over_the_next_step()
    {
        var state = Running().Apply(new StepStarted(0, At(4))).Apply(new StepFinished(0, 0, At(5))).Apply(new JobCancelRequested(At(6)));
        Assert.Equal(new JobAction.StopForCancel(), JobPlanner.Next(state));
        Assert.Equal(new JobAction.Cleanup("sched-t-job1-1", null), JobPlanner.Next(state.Apply(new JobCancelled(At(7)))));
    }

    [Fact]
    public void A_job_cancelled_while_queued_needs_nothing()
    {
        Assert.Equal(new JobAction.None(), JobPlanner.Next(Queued().Apply(new JobCancelRequested(At(1)))));
    }

    [Fact]
    public void A_job_that_failed_before_its_pod_was_recorded_still_cleans_up_the_deterministic_names()
    {
        var state = Queued(Spec(secrets: true)).Apply(new JobClaimed(1, At(1))).Apply(new JobTimedOut(TimeSpan.FromSeconds(1), At(2)));
        Assert.Equal(new JobAction.Cleanup("sched-t-job1-1", "sched-t-job1-1-secrets"), JobPlanner.Next(state));
    }
}
