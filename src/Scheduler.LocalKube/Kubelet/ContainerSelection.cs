using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>Pure: which container a log/exec/attach request means, with the API server's error messages.</summary>
public static class ContainerSelection
{
    public static (V1Container? Container, string? Error) Select(V1Pod pod, string? requested)
    {
        var containers = pod.Spec.Containers;
        if (string.IsNullOrEmpty(requested))
        {
            return containers.Count == 1
                ? (containers[0], null)
                : (null, $"a container name must be specified for pod {pod.Metadata.Name}, choose one of: [{string.Join(' ', containers.Select(c => c.Name))}]");
        }
        var container = containers.FirstOrDefault(c => c.Name == requested);
        return container is null ? (null, $"container {requested} is not valid for pod {pod.Metadata.Name}") : (container, null);
    }

    /// <summary>The reason a container cannot be streamed from while it waits, as the kubelet words it.</summary>
    public static string WaitingMessage(V1Pod pod, string container, ContainerState state)
    {
        var reason = state is ContainerState.Waiting w ? w.Reason : "ContainerCreating";
        var text = reason is "ErrImagePull" or "ImagePullBackOff" ? "trying and failing to pull image" : reason;
        return $"container \"{container}\" in pod \"{pod.Metadata.Name}\" is waiting to start: {text}";
    }
}
