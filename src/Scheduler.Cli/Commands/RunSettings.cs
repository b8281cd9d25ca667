using System.Collections;

namespace Scheduler.Cli.Commands;

/// <summary>What <c>sched run</c> was asked to do.</summary>
/// <param name="SpecFile">The task spec to run.</param>
/// <param name="Kubeconfig">A real cluster's kubeconfig; null starts LocalKube (unless the config names a cluster).</param>
/// <param name="Context">The kubeconfig context; null means its current one.</param>
/// <param name="ConfigFile">An agent config layered over the built-in one.</param>
/// <param name="DataDirectory">Where the agent keeps its state; null means a temporary directory deleted afterwards.</param>
/// <param name="KeepData">Keep the temporary data directory (its path is printed).</param>
/// <param name="Environment">Where config overrides are read from; null means the process environment.</param>
public sealed record RunSettings(
    FileInfo SpecFile,
    string? Kubeconfig = null,
    string? Context = null,
    string? ConfigFile = null,
    string? DataDirectory = null,
    bool KeepData = false,
    IDictionary? Environment = null);
