namespace Scheduler.Domain.Jobs;

/// <summary>
/// Decides a job's next action from its state alone, so an actor recovered from the journal resumes exactly
/// where its predecessor stopped: it never re-runs a finished step and follows the one in flight.
/// </summary>
public static class JobPlanner
{
    public static JobAction Next(JobState state)
    {
        if (state.IsTerminal)
            return state.CleanedUp ? new JobAction.None() : new JobAction.Cleanup(state.PodName!, state.SecretName);
        if (state.CancelRequested)
            return new JobAction.StopForCancel();
        if (state.Phase == JobPhase.Retrying)
            return new JobAction.Cleanup(state.PodName!, state.SecretName);

        return state.Phase switch
        {
            JobPhase.Claimed when state.NeedsSecret && !state.SecretExists => new JobAction.CreateSecret(state.SecretName!),
            JobPhase.Claimed => new JobAction.CreatePod(state.PodName!),
            JobPhase.Starting => new JobAction.AwaitPodRunning(state.PodName!),
            JobPhase.Running => NextStep(state),
            _ => new JobAction.None(),
        };
    }

    private static JobAction NextStep(JobState state)
    {
        if (state.StepInFlight is { } running)
            return new JobAction.FollowStep(running);

        for (var i = 0; i < state.Steps.Count; i++)
        {
            var step = state.Steps[i];
            if (step.Phase == StepPhase.Failed)
                return new JobAction.CompleteFailed(i, step.ExitCode!.Value, $"step {i + 1} \"{step.Name}\" exited with code {step.ExitCode}");
        }

        return state.NextStepIndex < state.Steps.Count
            ? new JobAction.RunStep(state.NextStepIndex)
            : new JobAction.CompleteSucceeded();
    }
}
