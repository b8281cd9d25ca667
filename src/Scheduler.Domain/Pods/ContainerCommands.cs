namespace Scheduler.Domain.Pods;

/// <summary>The primary container's command in each <see cref="ExecutionMode"/>.</summary>
public static class ContainerCommands
{
    /// <summary>
    /// Exec mode: keep the pod alive between execs and exit 0 promptly on SIGTERM/SIGINT (a plain <c>sleep</c>
    /// as PID 1 ignores SIGTERM and would hold the pod for the whole grace period).
    /// </summary>
    public static readonly IReadOnlyList<string> KeepAlive =
        ["/bin/sh", "-c", "trap 'kill $! 2>/dev/null; exit 0' TERM INT; while :; do sleep 3600 & wait $!; done"];

    /// <summary>Attach mode: a shell reading the steps from stdin, which the agent attaches to.</summary>
    public static readonly IReadOnlyList<string> AttachShell = ["/bin/sh"];

    public static IReadOnlyList<string> For(ExecutionMode mode) => mode == ExecutionMode.Attach ? AttachShell : KeepAlive;
}
