using k8s.Autorest;
using Scheduler.Domain.Jobs;
using Scheduler.Kube.Gateway;
using Scheduler.Kube.Steps;

namespace Scheduler.Agent.Jobs;

/// <summary>Thrown when the job's pod will never run (unschedulable, image pull failure, command cannot start).</summary>
public sealed class PodFailedToStartException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}

/// <summary>An infrastructure failure, as the job records it.</summary>
public sealed record JobFailure(string Reason, string Message)
{
    public JobInfraFailed ToEvent(DateTimeOffset at) => new(Reason, Message, at);
}

/// <summary>Turns what went wrong in an action into the reason a user reads. Never "success".</summary>
public static class JobFailures
{
    public static JobFailure Classify(Exception error) => error switch
    {
        PodFailedToStartException pod => new(pod.Reason, pod.Message),
        StepStreamLostException lost => new("StreamLost", lost.Message),
        StepInfrastructureException infra => new("StepInfrastructure", infra.Message),
        ResourceConflictException conflict => new("Conflict", conflict.Message),
        HttpOperationException http => new("KubernetesApi", $"{(int)http.Response.StatusCode} {http.Response.ReasonPhrase}: {Trim(http.Response.Content)}"),
        HttpRequestException request => new("KubernetesUnreachable", request.Message),
        _ => new("AgentError", $"{error.GetType().Name}: {error.Message}"),
    };

    private static string Trim(string? text) => text is null ? "" : text.Length <= 500 ? text : text[..500] + "…";
}
