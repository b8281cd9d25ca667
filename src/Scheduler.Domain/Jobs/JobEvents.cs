using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Jobs;

/// <summary>
/// A persisted fact in a job's life; <see cref="JobState.Apply"/> folds them into the state. Every event carries
/// the time it happened. <see cref="JobSubmitted"/> contains the task's secrets: they live in the journal (our
/// database) but must never be exposed in API output — use <see cref="JobState"/> views, whose ToString masks them.
/// </summary>
public interface IJobEvent
{
    DateTimeOffset At { get; }
}

/// <summary>The task was accepted and queued under its resource class.</summary>
public sealed record JobSubmitted(JobId JobId, TaskSpec Spec, DateTimeOffset At) : IJobEvent;

/// <summary>The resource class gave the job a slot; <paramref name="Attempt"/> (1, 2, …) fixes the pod and secret names.</summary>
public sealed record JobClaimed(int Attempt, DateTimeOffset At) : IJobEvent;

/// <summary>
/// A new owner took the claimed job over (the agent restarted, or another replica recovered it) before acting on it.
/// <paramref name="Epoch"/> is the job's next owner epoch: the pod carries the current one, so an older owner stops.
/// </summary>
public sealed record JobAdopted(int Epoch, string Owner, DateTimeOffset At) : IJobEvent;

/// <summary>The attempt's Secret exists (created, or found already there).</summary>
public sealed record SecretCreated(string SecretName, DateTimeOffset At) : IJobEvent;

/// <summary>The attempt's Pod exists (created, or found already there).</summary>
public sealed record PodCreated(string PodName, DateTimeOffset At) : IJobEvent;

/// <summary>
/// The starting pod is stuck but may recover (<see cref="PodStallKind"/>), or its scheduler's or kubelet's message
/// changed while it is: shown in the job's view, and the first of a kind starts that kind's time limit.
/// </summary>
public sealed record PodStalled(PodStallKind Kind, string Reason, string Message, DateTimeOffset At) : IJobEvent;

/// <summary>The pod reached phase Running with its container started.</summary>
public sealed record PodRunning(string? NodeName, DateTimeOffset At) : IJobEvent;

/// <summary>Step <paramref name="Index"/> (0-based) began executing in the pod.</summary>
public sealed record StepStarted(int Index, DateTimeOffset At) : IJobEvent;

/// <summary>Step <paramref name="Index"/> ended with the exit code from the exec/attach status channel.</summary>
public sealed record StepFinished(int Index, int ExitCode, DateTimeOffset At) : IJobEvent;

/// <summary>Every step exited 0.</summary>
public sealed record JobSucceeded(DateTimeOffset At) : IJobEvent;

/// <summary>Step <paramref name="StepIndex"/> exited non-zero, so the job failed.</summary>
public sealed record JobFailed(int StepIndex, int ExitCode, string Message, DateTimeOffset At) : IJobEvent;

/// <summary>The job ran past its timeout (the task's <c>timeout</c> or <c>agent.maxRunTime</c>).</summary>
public sealed record JobTimedOut(TimeSpan Timeout, DateTimeOffset At) : IJobEvent;

/// <summary>A user asked to cancel. A queued job is cancelled at once; a claimed one must stop first.</summary>
public sealed record JobCancelRequested(DateTimeOffset At) : IJobEvent;

/// <summary>A claimed job stopped after a cancel request.</summary>
public sealed record JobCancelled(DateTimeOffset At) : IJobEvent;

/// <summary>The job could not run for reasons outside its steps, e.g. <c>Unschedulable</c> or <c>ErrImagePull</c>, with the pod events quoted.</summary>
public sealed record JobInfraFailed(string Reason, string Message, DateTimeOffset At) : IJobEvent;

/// <summary>The attempt's pod and secret were deleted (or found gone) after the job ended.</summary>
public sealed record ResourcesCleanedUp(DateTimeOffset At) : IJobEvent;
