namespace Scheduler.Domain.Tasks;

/// <summary>
/// A toleration a task adds to its pod, as Kubernetes spells it. <see cref="Key"/> is required: a class allows
/// tolerations per taint key, and a key-less toleration would tolerate every taint.
/// </summary>
public sealed record TaskToleration(string Key, string Operator, string? Value, string? Effect, long? TolerationSeconds);
