using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Jobs;

/// <summary>
/// The immutable state of one job, folded from its <see cref="IJobEvent"/>s: start with <see cref="Submitted"/>
/// (or <see cref="Replay"/>), then <see cref="Apply"/> each event. <see cref="Validate"/> tells whether an event
/// is allowed before it is persisted; <see cref="Apply"/> throws <see cref="InvalidJobTransitionException"/>
/// otherwise. <see cref="JobPlanner.Next"/> derives what the job actor has to do next.
/// </summary>
public sealed record JobState
{
    public required JobId JobId { get; init; }
    public required TaskSpec Spec { get; init; }
    public JobPhase Phase { get; init; }
    public required IReadOnlyList<JobStep> Steps { get; init; }

    /// <summary>0 while queued, then 1, 2, …; fixes <see cref="PodName"/> and <see cref="SecretName"/>.</summary>
    public int Attempt { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? PodCreatedAt { get; init; }
    public DateTimeOffset? RunningAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The attempt's pod name once claimed (the pod may not exist yet: see <see cref="PodExists"/>).</summary>
    public string? PodName => Attempt > 0 ? ResourceNames.Pod(JobId, Attempt) : null;

    /// <summary>The attempt's secret name once claimed, if the task has secrets.</summary>
    public string? SecretName => Attempt > 0 && NeedsSecret ? ResourceNames.Secret(JobId, Attempt) : null;

    public bool NeedsSecret => Spec.Secrets.Count > 0;
    public bool SecretExists { get; init; }
    public bool PodExists { get; init; }
    public string? NodeName { get; init; }

    /// <summary>How the starting pod is stuck, if it is; cleared once it runs.</summary>
    public PodStall? Stall { get; init; }

    /// <summary>Why the job did not succeed (step and exit code, timeout, cancel, or the Kubernetes reason and events).</summary>
    public string? FailureReason { get; init; }

    /// <summary>The step whose non-zero exit code failed the job.</summary>
    public int? FailedStepIndex { get; init; }

    public bool CancelRequested { get; init; }

    /// <summary>Grows with every claim and adoption; the owner acting on the job's pod is the one with this epoch.</summary>
    public int OwnerEpoch { get; init; }

    /// <summary>Every take-over of the job, oldest first.</summary>
    public IReadOnlyList<JobAdopted> Adoptions { get; init; } = [];

    /// <summary>The attempts an infrastructure failure ended and a retry followed, oldest first.</summary>
    public IReadOnlyList<FailedAttempt> FailedAttempts { get; init; } = [];

    /// <summary>A new owner must adopt the job before acting: it was claimed and its resources are not cleaned up yet.</summary>
    public bool NeedsOwner => Attempt > 0 && !CleanedUp;

    /// <summary>The attempt's pod and secret are gone (or never existed).</summary>
    public bool CleanedUp { get; init; }

    public bool IsTerminal => Phase >= JobPhase.Succeeded;

    /// <summary>The attempt is over (the job ended, or a retry waits): what remains is to delete its pod and secret.</summary>
    public bool IsEnding => IsTerminal || Phase == JobPhase.Retrying;

    /// <summary>A cancel request may be recorded: the job has not ended and was not asked already.</summary>
    public bool CanCancel => !IsTerminal && !CancelRequested;

    /// <summary>Index of the step that started but has not finished, if any.</summary>
    public int? StepInFlight => IndexOf(StepPhase.Running);

    /// <summary>When the job must have ended: claim time plus its timeout (or <paramref name="maxRunTime"/>).</summary>
    public DateTimeOffset? Deadline(TimeSpan maxRunTime) => ClaimedAt + TaskSpecLimits.EffectiveTimeout(Spec, maxRunTime);

    /// <summary>The state right after submission.</summary>
    public static JobState Submitted(JobSubmitted e) => new()
    {
        JobId = e.JobId,
        Spec = e.Spec,
        Phase = JobPhase.Queued,
        SubmittedAt = e.At,
        Steps = e.Spec.Steps.Select(s => new JobStep(s.Name, StepPhase.Pending)).ToArray(),
    };

    /// <summary>Folds a whole event history; the first event must be <see cref="JobSubmitted"/>.</summary>
    public static JobState Replay(IEnumerable<IJobEvent> events)
    {
        JobState? state = null;
        foreach (var e in events)
            state = state is null
                ? Submitted(e as JobSubmitted ?? throw new ArgumentException($"the first event must be {nameof(JobSubmitted)}, not {e.GetType().Name}"))
                : state.Apply(e);
        return state ?? throw new ArgumentException("no events");
    }

    /// <summary>Null if <paramref name="e"/> may be applied now, else why not.</summary>
    public string? Validate(IJobEvent e) => e switch
    {
        JobSubmitted => "the job was already submitted",
        JobClaimed c when Phase != JobPhase.Queued => "only a queued job can be claimed",
        JobClaimed c when c.Attempt != Attempt + 1 => $"the next attempt is {Attempt + 1}, not {c.Attempt}",
        JobAdopted when !NeedsOwner => "only a claimed job whose resources remain can be adopted",
        JobAdopted a when a.Epoch != OwnerEpoch + 1 => $"the next owner epoch is {OwnerEpoch + 1}, not {a.Epoch}",
        SecretCreated when Phase != JobPhase.Claimed => "the secret is created between claim and pod creation",
        SecretCreated when !NeedsSecret => "the task has no secrets",
        PodCreated when Phase != JobPhase.Claimed => "the pod is created right after the claim",
        PodCreated when NeedsSecret && !SecretExists => "the secret must exist before the pod",
        PodRunning or PodStalled when Phase != JobPhase.Starting => "the pod was not starting",
        StepStarted s when Phase != JobPhase.Running => "the pod is not running",
        StepStarted s when StepInFlight is { } running => $"step {running} is still running",
        StepStarted s when s.Index != NextStepIndex => $"the next step is {NextStepIndex}, not {s.Index}",
        StepFinished f when Phase != JobPhase.Running || f.Index < 0 || f.Index >= Steps.Count || Steps[f.Index].Phase != StepPhase.Running
            => $"step {f.Index} is not running",
        JobSucceeded when Phase != JobPhase.Running || Steps.Any(s => s.Phase != StepPhase.Succeeded) => "not every step succeeded",
        JobFailed f when Phase != JobPhase.Running => "only a running job fails by a step",
        JobFailed f when f.StepIndex < 0 || f.StepIndex >= Steps.Count || Steps[f.StepIndex].Phase != StepPhase.Failed
            => $"step {f.StepIndex} did not fail",
        JobTimedOut or JobInfraFailed when IsTerminal || Phase == JobPhase.Queued => "only a claimed, unfinished job can time out or fail",
        JobInfraFailed when Phase == JobPhase.Retrying => "the attempt has already failed",
        JobCancelRequested when !CanCancel => IsTerminal ? "the job has already ended" : "cancel was already requested",
        JobCancelled when IsTerminal || !CancelRequested => "no cancel is pending",
        ResourcesCleanedUp when !IsEnding => "the job has not ended",
        ResourcesCleanedUp when CleanedUp => "already cleaned up",
        _ => null,
    };

    /// <summary>The state after <paramref name="e"/>; throws <see cref="InvalidJobTransitionException"/> if not allowed.</summary>
    public JobState Apply(IJobEvent e)
    {
        if (Validate(e) is { } reason)
            throw new InvalidJobTransitionException(Phase, e, reason);

        return e switch
        {
            JobClaimed c => this with { Phase = JobPhase.Claimed, Attempt = c.Attempt, ClaimedAt = c.At, OwnerEpoch = OwnerEpoch + 1 },
            JobAdopted a => this with { OwnerEpoch = a.Epoch, Adoptions = [.. Adoptions, a] },
            SecretCreated => this with { SecretExists = true },
            PodCreated p => this with { Phase = JobPhase.Starting, PodExists = true, PodCreatedAt = p.At },
            PodStalled s => this with { Stall = Stall?.Kind == s.Kind ? Stall with { Reason = s.Reason, Message = s.Message } : new PodStall(s.Kind, s.Reason, s.Message, s.At) },
            PodRunning r => this with { Phase = JobPhase.Running, NodeName = r.NodeName, RunningAt = r.At, Stall = null },
            StepStarted s => WithStep(s.Index, step => step with { Phase = StepPhase.Running, StartedAt = s.At }),
            StepFinished f => WithStep(f.Index, step => step with
            {
                Phase = f.ExitCode == 0 ? StepPhase.Succeeded : StepPhase.Failed,
                ExitCode = f.ExitCode,
                FinishedAt = f.At,
            }),
            JobSucceeded s => Ended(JobPhase.Succeeded, s.At, null),
            JobFailed f => Ended(JobPhase.Failed, f.At, f.Message) with { FailedStepIndex = f.StepIndex },
            JobTimedOut t => Ended(JobPhase.TimedOut, t.At, $"timed out after {GoDuration.Format(t.Timeout)}"),
            JobCancelRequested c when Phase == JobPhase.Queued => Ended(JobPhase.Cancelled, c.At, "cancelled while queued") with { CancelRequested = true },
            JobCancelRequested => this with { CancelRequested = true },
            JobCancelled c => Ended(JobPhase.Cancelled, c.At, "cancelled"),
            JobInfraFailed i when InfrastructureRetries.Allows(this, i.Reason) => this with
            {
                Phase = JobPhase.Retrying,
                FailedAttempts = [.. FailedAttempts, new FailedAttempt(Attempt, i.Reason, i.Message, i.At)],
                Steps = Steps.Select(s => s.Phase == StepPhase.Running ? s with { Phase = StepPhase.Interrupted, FinishedAt = i.At } : s).ToArray(),
            },
            JobInfraFailed i => Ended(JobPhase.InfraFailed, i.At, $"{i.Reason}: {i.Message}"),
            ResourcesCleanedUp when Phase == JobPhase.Retrying => NextAttempt(),
            ResourcesCleanedUp => this with { CleanedUp = true },
            _ => throw new InvalidJobTransitionException(Phase, e, "unknown event"),
        };
    }

    /// <summary>
    /// The failed attempt's pod and secret are gone: the next attempt starts where a claim starts, with new pod and
    /// secret names, every step pending, the same slot and the same deadline (the job's timeout spans its attempts).
    /// </summary>
    private JobState NextAttempt() => this with
    {
        Phase = JobPhase.Claimed,
        Attempt = Attempt + 1,
        SecretExists = false,
        PodExists = false,
        PodCreatedAt = null,
        RunningAt = null,
        NodeName = null,
        Stall = null,
        Steps = Spec.Steps.Select(s => new JobStep(s.Name, StepPhase.Pending)).ToArray(),
    };

    /// <summary>The index of the first step not yet started (Steps.Count when all have run).</summary>
    public int NextStepIndex => IndexOf(StepPhase.Pending) ?? Steps.Count;

    private int? IndexOf(StepPhase phase)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Phase == phase)
                return i;
        }
        return null;
    }

    private JobState WithStep(int index, Func<JobStep, JobStep> change) =>
        this with { Steps = Steps.Select((s, i) => i == index ? change(s) : s).ToArray() };

    private JobState Ended(JobPhase phase, DateTimeOffset at, string? reason) => this with
    {
        Phase = phase,
        FinishedAt = at,
        FailureReason = reason,
        CleanedUp = Attempt == 0,
        Steps = Steps.Select(s => s.Phase == StepPhase.Running ? s with { Phase = StepPhase.Interrupted, FinishedAt = at } : s).ToArray(),
    };
}
