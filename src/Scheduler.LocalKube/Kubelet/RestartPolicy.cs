namespace Scheduler.LocalKube.Kubelet;

/// <summary>Pure: whether a pod's restartPolicy restarts a container that exited with a code.</summary>
public static class RestartPolicy
{
    /// <summary>Always (also the API default, for a spec that bypassed defaulting) restarts on any exit, OnFailure on a non-zero one.</summary>
    public static bool Restarts(string? policy, int exitCode) => policy switch
    {
        "Never" => false,
        "OnFailure" => exitCode != 0,
        _ => true,
    };
}
