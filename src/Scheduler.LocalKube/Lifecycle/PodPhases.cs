using k8s.Models;

namespace Scheduler.LocalKube.Lifecycle;

internal static class PodPhases
{
    public static bool IsTerminal(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";
}
