namespace Scheduler.Kube.Steps;

/// <summary>Runs steps in a pod and streams their output.</summary>
public interface IStepRunner
{
    /// <summary>
    /// Runs the step to its end and returns its exit code. Throws <see cref="StepInfrastructureException"/>
    /// (or its <see cref="StepStreamLostException"/>) when the exit code cannot be known.
    /// </summary>
    Task<StepResult> RunAsync(StepInvocation step, IStepOutputSink sink, CancellationToken ct);
}
