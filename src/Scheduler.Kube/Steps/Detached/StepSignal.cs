using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>Stops a detached step: SIGTERM to its process group in the pod (the pod's deletion then ends the rest).</summary>
public static class StepSignal
{
    public static async Task TerminateAsync(KubeConnection connection, string stepsDirectory, StepInvocation step, CancellationToken ct)
    {
        var marker = StepMarker.New();
        await ScriptExec.RunAsync(connection, step.PodName, step.Container, StepScripts.Signal(stepsDirectory, step.Index, marker), marker,
            (_, _, _) => ValueTask.CompletedTask, ct).ConfigureAwait(false);
    }
}
