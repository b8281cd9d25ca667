namespace Scheduler.Domain.Jobs;

/// <summary>Thrown by <see cref="JobState.Apply"/> for an event that is not allowed in the current state.</summary>
public sealed class InvalidJobTransitionException(JobPhase phase, IJobEvent @event, string reason)
    : InvalidOperationException($"{@event.GetType().Name} is not allowed in phase {phase}: {reason}")
{
    public JobPhase Phase { get; } = phase;

    public IJobEvent Event { get; } = @event;
}
