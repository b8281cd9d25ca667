namespace Scheduler.LocalKube.Kubelet;

/// <summary>What to run for a container or an exec: a resolved executable, its arguments, cwd and environment.</summary>
public sealed record ProcessSpec(
    string Executable,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);
