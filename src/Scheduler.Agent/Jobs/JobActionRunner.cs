using Scheduler.Domain.Config;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Logs;
using Scheduler.Domain.Pods;
using Scheduler.Kube.Steps;
using Scheduler.Kube.Steps.Detached;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// The I/O behind a job's actions: create the secret and pod, wait for Running on the shared watch, run or follow
/// detached steps into the durable log, store the services' output (<see cref="ServiceLogs"/>), clean up. Each call
/// returns the event to persist, or throws; the actor decides. Holds the job's attach session (attach mode) across steps.
/// </summary>
public sealed class JobActionRunner(JobRuntime runtime, JobId jobId, string replica) : IDisposable
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(5);
    private readonly DetachedStepRunner _steps = new(runtime.Connection, PodBuilder.StepsDirectory);
    private readonly PodOwnership _ownership = new(runtime);
    private AttachLauncher? _attach;
    private JobLogSink? _sink;

    public async Task<IJobEvent> PerformAsync(JobState state, JobAction action, CancellationToken ct) => action switch
    {
        JobAction.CreateSecret a => await CreateSecretAsync(state, a, ct),
        JobAction.CreatePod a => await CreatePodAsync(state, a, ct),
        JobAction.AwaitPodRunning a => await AwaitRunningAsync(state, a.PodName, ct),
        JobAction.FollowStep f => await RunStepAsync(state, f.Index, ct),
        JobAction.Cleanup c => await CleanupAsync(state, c, ct),
        _ => throw new InvalidOperationException($"no runner for {action}"),
    };

    /// <summary>
    /// Launches step <paramref name="index"/> unless the pod holds its launch claim, follows its output from where
    /// the log has consumed it, and returns its exit code. The same for a new step and for one an earlier owner left.
    /// </summary>
    public async Task<IJobEvent> RunStepAsync(JobState state, int index, CancellationToken ct)
    {
        await _ownership.EnsureAsync(state, ct);
        var step = state.Spec.Steps[index];
        var invocation = new StepInvocation(state.PodName!, PodBuilder.ContainerName, index, step.Name, step.Run);
        _sink ??= await JobLogSink.OpenAsync(runtime.Logs, jobId.Value, state.Spec.Secrets.Values, runtime.Options.Agent.OutputLimitOf(ClassOf(state)), ct);
        var logKey = LogStepKeys.Of(state.Attempt, index);
        var from = await _sink.StepStartedAsync(logKey, step.Name, ct);

        var launch = ClassOf(state).Execution == ExecutionMode.Attach ? LaunchByAttachAsync : (DetachedStepRunner.AttachLaunch?)null;
        StepResult result;
        try
        {
            result = await _steps.RunAsync(invocation, from, _sink, launch, ct);
        }
        catch (Exception lost) when (lost is StepStreamLostException or StepInfrastructureException)
        {
            if (await IsGoneAsync(state.PodName!, ct))
                throw new StepInfrastructureException($"step {index + 1} \"{step.Name}\": its pod {state.PodName} is gone ({lost.Message})", lost);
            throw;
        }

        await _sink.StepFinishedAsync(logKey, result.ExitCode, ct);
        return new StepFinished(index, result.ExitCode, runtime.Clock.GetUtcNow());
    }

    /// <summary>
    /// Whether the pod is deleted or being deleted, as the API server says now: an exec cut by the pod's deletion ends
    /// either as a broken stream or with a failure status, possibly before the watch has delivered the deletion.
    /// </summary>
    private async Task<bool> IsGoneAsync(string podName, CancellationToken ct) =>
        await runtime.Gateway.GetPodAsync(podName, ct) is not { Metadata.DeletionTimestamp: null };

    private async Task<string> LaunchByAttachAsync(string stepsDirectory, StepInvocation step, CancellationToken ct)
    {
        if (_attach is { IsUsable: false })
            await DisposeAttachAsync();
        _attach ??= await AttachLauncher.AttachAsync(runtime.Connection, step.PodName, step.Container, ct);
        return await _attach.LaunchAsync(stepsDirectory, step, ct);
    }

    private async Task<IJobEvent> CreateSecretAsync(JobState state, JobAction.CreateSecret action, CancellationToken ct)
    {
        await runtime.Gateway.CreateSecretAsync(SecretBuilder.Build(Request(state), state.Spec.Secrets), ct);
        return new SecretCreated(action.SecretName, runtime.Clock.GetUtcNow());
    }

    private async Task<IJobEvent> CreatePodAsync(JobState state, JobAction.CreatePod action, CancellationToken ct)
    {
        var resourceClass = ClassOf(state);
        var pod = PodBuilder.Build(resourceClass.Template, resourceClass.Execution, Request(state));
        if (runtime.Options.Agent.TerminationGracePeriodSeconds is { } grace)
            pod.Spec.TerminationGracePeriodSeconds = grace;
        var created = await runtime.Gateway.CreatePodAsync(pod, ct);
        if (state.SecretName is { } secretName)
            await runtime.Gateway.SetSecretOwnerAsync(secretName, created, ct);
        return new PodCreated(action.PodName, runtime.Clock.GetUtcNow());
    }

    /// <summary>
    /// Waits until the pod runs and its services accept on their ports (<see cref="PodRunning"/>, see
    /// <see cref="ServiceReadiness"/>) or will not run (throws). A stalled pod (no room on a node,
    /// a failing image pull) is waited for until its limit from the stall's first record passes; a new stall or a
    /// new scheduler/kubelet message returns <see cref="PodStalled"/>, so the job's view shows it, and the actor
    /// calls again.
    /// </summary>
    private async Task<IJobEvent> AwaitRunningAsync(JobState state, string podName, CancellationToken ct)
    {
        var limits = new PodStartLimits(runtime.Options.Agent.PodStartTimeout, runtime.Options.Agent.ImagePullGracePeriod);
        PodProgress? last = null;
        while (true)
        {
            var pod = await WaitForChangeAsync(podName, last, DeadlineOf(state.Stall, last, limits), ct);
            if (pod is null)
                throw new PodFailedToStartException("PodDeleted", $"pod {podName} was deleted before it ran");

            var events = await runtime.Gateway.ListPodEventsAsync(podName, ct);
            var progress = PodProgress.Classify(pod, events);
            var now = runtime.Clock.GetUtcNow();
            switch (progress)
            {
                case PodProgress.Running running:
                    await new ServiceReadiness(runtime).WaitAsync(podName, state.Spec.Services, ClassOf(state).ServiceStartTimeout, ct);
                    return new PodRunning(running.NodeName, runtime.Clock.GetUtcNow());
                case PodProgress.FailFast failed:
                    throw new PodFailedToStartException(failed.Reason, failed.Message);
                case PodProgress.Stalled stalled when state.Stall is { } stall && stall.Kind == stalled.Kind
                    && limits.Expired(stalled, stall.Since, now) is { } expired:
                    throw new PodFailedToStartException(expired.Reason, expired.Message);
                case PodProgress.Stalled stalled when state.Stall is not { } recorded
                    || (recorded.Kind, recorded.Reason, recorded.Message) != (stalled.Kind, stalled.Reason, stalled.Message):
                    return new PodStalled(stalled.Kind, stalled.Reason, stalled.Message, now);
            }

            last = Unquoted(progress);
        }
    }

    /// <summary>The cached pod once its progress differs from <paramref name="last"/> (or it is gone), or at <paramref name="deadline"/>.</summary>
    private async Task<k8s.Models.V1Pod?> WaitForChangeAsync(string podName, PodProgress? last, DateTimeOffset? deadline, CancellationToken ct)
    {
        var seen = false;
        using var timer = deadline is { } at ? new CancellationTokenSource(Max(at - runtime.Clock.GetUtcNow(), TimeSpan.Zero), runtime.Clock) : new CancellationTokenSource();
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            return await runtime.Pods.WaitForAsync(podName, p =>
            {
                if (p is null)
                    return seen; // it was there and is gone
                seen = true;
                return Unquoted(PodProgress.Classify(p, [])) != last;
            }, waiting.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return runtime.Pods.Get(podName);
        }
    }

    /// <summary>When the stall the pod is in now has lasted its limit; null while it is not stalled as recorded.</summary>
    private static DateTimeOffset? DeadlineOf(PodStall? recorded, PodProgress? current, PodStartLimits limits) =>
        recorded is not null && current is PodProgress.Stalled stalled && stalled.Kind == recorded.Kind
            ? limits.Deadline(recorded.Kind, recorded.Since)
            : null;

    private static PodProgress Unquoted(PodProgress progress) =>
        progress is PodProgress.Stalled stalled ? stalled with { QuotedEvents = "" } : progress;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task<IJobEvent> CleanupAsync(JobState state, JobAction.Cleanup action, CancellationToken ct)
    {
        await DisposeAttachAsync();
        if (_sink is not null)
            await _sink.DisposeAsync();
        _sink = null;
        if (action.PodName is { } podName)
        {
            await _ownership.EnsureAsync(state, ct);
            await SignalInterruptedStepAsync(state, ct);
            await ServiceLogs.AppendAsync(runtime, state, ct);
            await runtime.Gateway.DeletePodAsync(podName, gracePeriod: null, ct);
            // The slot is only free once the pod is really gone, so limits hold for pods that exist.
            using var gone = CancellationTokenSource.CreateLinkedTokenSource(ct);
            gone.CancelAfter(runtime.PodGoneTimeout);
            await runtime.Pods.WaitForAsync(podName, p => p is null, gone.Token);
        }

        if (action.SecretName is { } secretName)
            await runtime.Gateway.DeleteSecretAsync(secretName, ct);
        return new ResourcesCleanedUp(runtime.Clock.GetUtcNow());
    }

    /// <summary>
    /// A step cut short by cancel or timeout runs on in the pod, detached: its process group gets SIGTERM first, so
    /// it can stop on its own before the pod's deletion ends what is left. Best effort: the deletion follows regardless.
    /// </summary>
    private async Task SignalInterruptedStepAsync(JobState state, CancellationToken ct)
    {
        var index = state.Steps.ToList().FindIndex(s => s.Phase == StepPhase.Interrupted);
        if (index < 0 || runtime.Pods.Get(state.PodName!) is null)
            return;
        var step = state.Spec.Steps[index];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(SignalTimeout);
        try
        {
            await StepSignal.TerminateAsync(runtime.Connection, PodBuilder.StepsDirectory,
                new StepInvocation(state.PodName!, PodBuilder.ContainerName, index, step.Name, step.Run), limit.Token);
        }
        catch (Exception e) when (e is StepInfrastructureException or OperationCanceledException && !ct.IsCancellationRequested)
        {
        }
    }

    private ResourceClassOptions ClassOf(JobState state) =>
        runtime.Options.Agent.ResourceClasses.TryGetValue(state.Spec.ResourceClass, out var options)
            ? options
            : throw new StepInfrastructureException($"resource class {state.Spec.ResourceClass} is no longer configured");

    private JobPodRequest Request(JobState state) =>
        JobPodRequest.From(state, runtime.Connection.Namespace, runtime.Options.Agent.MaxRunTime, runtime.Options.Agent.Name) with { Replica = replica };

    private async Task DisposeAttachAsync()
    {
        if (_attach is not null)
            await _attach.DisposeAsync();
        _attach = null;
    }

    public void Dispose()
    {
        _ = DisposeAttachAsync();
    }
}
