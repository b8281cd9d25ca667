using System.Data.Common;
using k8s.Autorest;
using Scheduler.Domain.Jobs;
using Scheduler.Kube.Gateway;
using Scheduler.Kube.Resilience;
using Scheduler.Kube.Steps;

namespace Scheduler.Agent.Jobs;

/// <summary>Thrown when the job's pod will never run (unschedulable, image pull failure, command cannot start).</summary>
public sealed class PodFailedToStartException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}

/// <summary>The database (journal, views, logs) failed under an action: a restart or failover, not the job's fault.</summary>
public sealed class StorageUnavailableException(DbException cause) : Exception($"the database is unavailable: {cause.Message}", cause);

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

    /// <summary>
    /// A Kubernetes API call that still failed transiently (429, 5xx, a lost connection) after the gateway's own
    /// retries: the platform is busy or briefly away, and the action may be tried again. The step errors, which wrap
    /// the same kinds of faults, have their own meaning and are never this.
    /// </summary>
    public static bool IsTransientApiFailure(Exception error) =>
        error is HttpOperationException or HttpRequestException or k8s.KubernetesException && RetryClassifier.IsTransient(error);

    /// <summary>
    /// The error of a failed action as the job actor weighs it: a <see cref="StorageUnavailableException"/> when the
    /// database went away under it (anywhere in the chain), otherwise the innermost exception.
    /// </summary>
    public static Exception Unwrap(Exception error)
    {
        var all = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        foreach (var e in all)
            for (var inner = e; inner is not null; inner = inner.InnerException)
                if (inner is DbException db && IsTransient(db))
                    return new StorageUnavailableException(db);
        return error.GetBaseException();
    }

    // Npgsql counts lost connections as transient, but not the server's own shutdown (57P01-57P03) or class 08.
    private static bool IsTransient(DbException db) =>
        db.IsTransient || db.SqlState is { } state && (state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal));

    private static string Trim(string? text) => text is null ? "" : text.Length <= 500 ? text : text[..500] + "…";
}
