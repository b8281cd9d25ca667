using Scheduler.Domain.Config;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;
using Scheduler.Kube.Steps;
using Scheduler.Kube.Steps.Attach;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// The I/O behind a job's actions: create the secret and pod, wait for Running on the shared watch, run steps
/// into the durable log, clean up. Each call returns the event to persist, or throws; the actor decides.
/// Holds the job's attach session (attach mode) across steps.
/// </summary>
public sealed class JobActionRunner(JobRuntime runtime, JobId jobId) : IDisposable
{
    private AttachStepRunner? _attach;
    private JobLogSink? _sink;

    public async Task<IJobEvent> PerformAsync(JobState state, JobAction action, CancellationToken ct) => action switch
    {
        JobAction.CreateSecret a => await CreateSecretAsync(state, a, ct),
        JobAction.CreatePod a => await CreatePodAsync(state, a, ct),
        JobAction.AwaitPodRunning a => await AwaitRunningAsync(a.PodName, ct),
        JobAction.ResumeStep r => throw new StepInfrastructureException(
            $"the agent stopped while step {r.Index + 1} was running, so its outcome is unknown"),
        JobAction.Cleanup c => await CleanupAsync(c, ct),
        _ => throw new InvalidOperationException($"no runner for {action}"),
    };

    public async Task<IJobEvent> RunStepAsync(JobState state, int index, CancellationToken ct)
    {
        var step = state.Spec.Steps[index];
        var invocation = new StepInvocation(state.PodName!, PodBuilder.ContainerName, index, step.Name, step.Run);
        _sink ??= await JobLogSink.OpenAsync(runtime.Logs, jobId.Value, state.Spec.Secrets.Values, ct);
        await _sink.StepStartedAsync(index, step.Name, ct);

        var runner = ClassOf(state).Execution == ExecutionMode.Attach
            ? _attach ??= await AttachStepRunner.AttachAsync(runtime.Connection, state.PodName!, PodBuilder.ContainerName, ct)
            : (IStepRunner)new ExecStepRunner(runtime.Connection);
        var result = await runner.RunAsync(invocation, _sink, ct);

        await _sink.StepFinishedAsync(index, result.ExitCode, ct);
        return new StepFinished(index, result.ExitCode, runtime.Clock.GetUtcNow());
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

    private async Task<IJobEvent> AwaitRunningAsync(string podName, CancellationToken ct)
    {
        var seen = false;
        var pod = await runtime.Pods.WaitForAsync(podName, p =>
        {
            if (p is null)
                return seen; // it was there and is gone
            seen = true;
            return PodProgress.Classify(p, []) is not PodProgress.Waiting;
        }, ct);

        if (pod is null)
            throw new PodFailedToStartException("PodDeleted", $"pod {podName} was deleted before it ran");

        var events = await runtime.Gateway.ListPodEventsAsync(podName, ct);
        return PodProgress.Classify(pod, events) switch
        {
            PodProgress.Running running => new PodRunning(running.NodeName, runtime.Clock.GetUtcNow()),
            PodProgress.FailFast failed => throw new PodFailedToStartException(failed.Reason, failed.Message),
            var other => throw new InvalidOperationException($"pod {podName} is {other}"),
        };
    }

    private async Task<IJobEvent> CleanupAsync(JobAction.Cleanup action, CancellationToken ct)
    {
        await DisposeAttachAsync();
        if (_sink is not null)
            await _sink.DisposeAsync();
        if (action.PodName is { } podName)
        {
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

    private ResourceClassOptions ClassOf(JobState state) =>
        runtime.Options.Agent.ResourceClasses.TryGetValue(state.Spec.ResourceClass, out var options)
            ? options
            : throw new StepInfrastructureException($"resource class {state.Spec.ResourceClass} is no longer configured");

    private JobPodRequest Request(JobState state) =>
        JobPodRequest.From(state, runtime.Connection.Namespace, runtime.Options.Agent.MaxRunTime, runtime.Options.Agent.Name);

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
