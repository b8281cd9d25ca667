using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// LocalKube's mark on every process of a container: the environment entry <c>LOCALKUBE_CONTAINER=&lt;pod uid&gt;/&lt;container&gt;</c>,
/// set on the main process and on every exec, and inherited by whatever they start. It stands in for the container's
/// cgroup (see <see cref="ProcessTable"/>). It is set after the container's own env, so a user's variable of that name
/// cannot hide a process from it.
/// </summary>
public static class ContainerMarker
{
    public const string Variable = "LOCALKUBE_CONTAINER";

    public static string Value(V1Pod pod, V1Container container) => $"{pod.Metadata.Uid}/{container.Name}";
}
