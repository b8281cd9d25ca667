using Scheduler.Domain.Jobs;

namespace Scheduler.Agent.Jobs;

/// <summary>Maps the domain's <see cref="JobState"/> to the API's <see cref="JobView"/> (which holds no secrets).</summary>
public static class JobViews
{
    public static JobView From(JobState state) => new(
        state.JobId.Value,
        state.Spec.ResourceClass,
        StateName(state.Phase),
        state.Attempt,
        state.PodExists ? state.PodName : null,
        state.FailureReason,
        state.SubmittedAt,
        state.RunningAt ?? state.ClaimedAt,
        state.FinishedAt,
        state.Steps.Select((s, i) => new StepView(i, s.Name, StepStateName(s.Phase), s.ExitCode, s.StartedAt, s.FinishedAt)).ToArray())
    {
        ClaimedAt = state.ClaimedAt,
        PodCreatedAt = state.PodCreatedAt,
        RunningAt = state.RunningAt,
        CleanedUp = state.CleanedUp,
        Waiting = state is { Phase: JobPhase.Starting, Stall: { } stall } ? new PodWaitView(stall.Reason, stall.Message, stall.Since) : null,
        Adoptions = state.Adoptions.Select(a => new AdoptionView(a.At, a.Owner, a.Epoch)).ToArray(),
        FailedAttempts = state.FailedAttempts.Select(a => new FailedAttemptView(a.Attempt, a.Reason, a.Message, a.At)).ToArray(),
    };

    public static string StateName(JobPhase phase) => phase switch
    {
        JobPhase.Queued => JobStates.Queued,
        JobPhase.Claimed => JobStates.Claimed,
        JobPhase.Starting => JobStates.Starting,
        JobPhase.Running => JobStates.Running,
        JobPhase.Retrying => JobStates.Retrying,
        JobPhase.Succeeded => JobStates.Succeeded,
        JobPhase.Failed => JobStates.Failed,
        JobPhase.TimedOut => JobStates.TimedOut,
        JobPhase.Cancelled => JobStates.Cancelled,
        JobPhase.InfraFailed => JobStates.InfraFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    public static JobPhase? PhaseOf(string state) =>
        Enum.GetValues<JobPhase>().Cast<JobPhase?>().FirstOrDefault(p => StateName(p!.Value) == state);

    private static string StepStateName(StepPhase phase) => phase.ToString().ToLowerInvariant();
}
