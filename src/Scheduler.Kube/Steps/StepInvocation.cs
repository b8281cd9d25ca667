namespace Scheduler.Kube.Steps;

/// <summary>One step to run: a shell script, run by <c>/bin/sh -c</c> in the pod's container.</summary>
public sealed record StepInvocation(string PodName, string Container, int Index, string Name, string Script);
