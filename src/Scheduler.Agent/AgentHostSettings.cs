using System.Collections;
using k8s;

namespace Scheduler.Agent;

/// <summary>How to start one replica in-process. Unset members come from the config file and environment.</summary>
public sealed record AgentHostSettings
{
    /// <summary>A HOCON file layered over the embedded defaults in <c>hocon/</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Overrides <c>storage.dataDirectory</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A ready Kubernetes configuration (LocalKube's); null means <c>kubernetes.*</c> from the config.</summary>
    public KubernetesClientConfiguration? Kube { get; init; }

    /// <summary>Overrides <c>api.listenUrl</c>; port 0 picks a free port.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>Overrides <c>console.host</c> and <c>console.port</c>: <c>HOST:PORT</c>; port 0 picks a free port.</summary>
    public string? ConsoleListen { get; init; }

    /// <summary>False turns the console off whatever the config says.</summary>
    public bool? ConsoleEnabled { get; init; }

    /// <summary>The environment the config overrides are read from; null means the process's.</summary>
    public IDictionary? Environment { get; init; }

    /// <summary>How often resource classes reconcile their slots (tests shorten it).</summary>
    public TimeSpan? ReconcileInterval { get; init; }

    /// <summary>How old a pod or secret of a finished or unknown job must be before the garbage collector deletes it (tests shorten it).</summary>
    public TimeSpan? GarbageCollectionGrace { get; init; }
}
