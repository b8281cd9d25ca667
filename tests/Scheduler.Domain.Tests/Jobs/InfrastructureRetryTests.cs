using Scheduler.Domain.Jobs;
using Scheduler.Domain.Logs;
using static Scheduler.Domain.Tests.Jobs.JobFixtures;

namespace Scheduler.Domain.Tests.Jobs;

public sealed class InfrastructureRetryTests
{
    private static JobState RunningWithRetries(int retries) => Running(Spec() with { InfrastructureRetries = retries })
        .Apply(new StepStarted(0, At(4)));

    [Fact]
    public void A_retryable_failure_with_retries_left_ends_the_attempt_and_cleanup_starts_the_next_one()
    {
        var retrying = RunningWithRetries(1).Apply(new JobInfraFailed("StepInfrastructure", "pod gone", At(5)));

        Assert.Equal(JobPhase.Retrying, retrying.Phase);
        Assert.False(retrying.IsTerminal);
        Assert.True(retrying.IsEnding);
        Assert.Equal([new FailedAttempt(1, "StepInfrastructure", "pod gone", At(5))], retrying.FailedAttempts);
        Assert.Equal(StepPhase.Interrupted, retrying.Steps[0].Phase);
        Assert.Equal(new JobAction.Cleanup("sched-t-job1-1", null), JobPlanner.Next(retrying));

        var next = retrying.Apply(new ResourcesCleanedUp(At(6)));

        Assert.Equal(JobPhase.Claimed, next.Phase);
        Assert.Equal(2, next.Attempt);
        Assert.NotEqual(retrying.PodName, next.PodName);
        Assert.False(next.PodExists);
        Assert.All(next.Steps, s => Assert.Equal(StepPhase.Pending, s.Phase));
        Assert.Equal(retrying.ClaimedAt, next.ClaimedAt);
        Assert.Equal(new JobAction.CreatePod(next.PodName!), JobPlanner.Next(next));
    }

    [Fact]
    public void The_last_allowed_attempt_failing_ends_the_job()
    {
        var second = RunningWithRetries(1).Apply(new JobInfraFailed("PodDeleted", "gone", At(5))).Apply(new ResourcesCleanedUp(At(6)))
            .Apply(new PodCreated("sched-t-job1-2", At(7))).Apply(new PodRunning("node-a", At(8))).Apply(new StepStarted(0, At(9)));

        var ended = second.Apply(new JobInfraFailed("PodDeleted", "gone again", At(10)));

        Assert.Equal(JobPhase.InfraFailed, ended.Phase);
        Assert.Single(ended.FailedAttempts);
    }

    [Theory]
    [InlineData(0, "StepInfrastructure")]
    [InlineData(2, "Unschedulable")]
    [InlineData(2, "InvalidImageName")]
    public void No_retries_or_a_failure_that_would_repeat_ends_the_job(int retries, string reason)
    {
        var ended = RunningWithRetries(retries).Apply(new JobInfraFailed(reason, "m", At(5)));

        Assert.Equal(JobPhase.InfraFailed, ended.Phase);
        Assert.Empty(ended.FailedAttempts);
    }

    [Fact]
    public void A_cancel_requested_before_the_failure_is_not_retried()
    {
        var ended = RunningWithRetries(2).Apply(new JobCancelRequested(At(5))).Apply(new JobInfraFailed("PodDeleted", "gone", At(6)));

        Assert.Equal(JobPhase.InfraFailed, ended.Phase);
    }

    [Fact]
    public void A_retrying_attempt_cannot_fail_again_but_can_time_out()
    {
        var retrying = RunningWithRetries(2).Apply(new JobInfraFailed("PodDeleted", "gone", At(5)));

        Assert.NotNull(retrying.Validate(new JobInfraFailed("PodDeleted", "again", At(6))));
        Assert.Equal(JobPhase.TimedOut, retrying.Apply(new JobTimedOut(TimeSpan.FromMinutes(1), At(6))).Phase);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(1, 99, 99)]
    [InlineData(2, 0, 100)]
    [InlineData(3, 5, 205)]
    public void Log_step_keys_are_attempt_major_and_decode_back(int attempt, int index, int key)
    {
        Assert.Equal(key, LogStepKeys.Of(attempt, index));
        Assert.Equal(index, LogStepKeys.StepIndexOf(key));
        Assert.Equal(attempt, LogStepKeys.AttemptOf(key));
    }
}
