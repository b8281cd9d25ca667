using k8s.Models;

namespace Scheduler.LocalKube.Tests.Kubelet.Support;

/// <summary>Pod specs for kubelet tests.</summary>
public static class Pods
{
    private static int _counter;

    public static string UniqueName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}";

    public static V1Pod Shell(string name, string script, Action<V1Container>? configure = null, Action<V1PodSpec>? spec = null)
    {
        var container = new V1Container { Name = "main", Image = "busybox:1.36", Command = ["sh", "-c", script] };
        configure?.Invoke(container);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new V1PodSpec { Containers = [container], RestartPolicy = "Never" },
        };
        spec?.Invoke(pod.Spec);
        return pod;
    }

    public static V1ContainerStatus MainContainer(this V1Pod pod) => pod.Status!.ContainerStatuses!.Single(c => c.Name == "main");

    public static bool IsRunning(this V1Pod pod) => pod.Status?.Phase == "Running";

    public static bool IsFinished(this V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";
}
