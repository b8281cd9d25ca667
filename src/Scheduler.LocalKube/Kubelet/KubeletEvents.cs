using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>The events the kubelet records, with the real kubelet's reasons and messages.</summary>
public sealed class KubeletEvents(IClusterState cluster, V1Pod pod)
{
    public void Pulling(V1Container c) => Container(c, "Pulling", $"Pulling image \"{c.Image}\"");

    public void Pulled(V1Container c) => Container(c, "Pulled", $"Container image \"{c.Image}\" already present on machine");

    public void PullFailed(V1Container c, string error)
    {
        Container(c, "Failed", $"Failed to pull image \"{c.Image}\": {error}", "Warning");
        Container(c, "Failed", "Error: ErrImagePull", "Warning");
    }

    public void PullBackOff(V1Container c)
    {
        Container(c, "BackOff", $"Back-off pulling image \"{c.Image}\"");
        Container(c, "Failed", "Error: ImagePullBackOff", "Warning");
    }

    public void ConfigError(V1Container c, string error) => Container(c, "Failed", "Error: " + error, "Warning");

    public void Created(V1Container c) => Container(c, "Created", $"Created container: {c.Name}");

    public void Started(V1Container c) => Container(c, "Started", $"Started container {c.Name}");

    public void StartFailed(V1Container c, string error) => Container(c, "Failed", "Error: " + error, "Warning");

    public void BackOff(V1Container c) =>
        Container(c, "BackOff", $"Back-off restarting failed container {c.Name} in pod {PodText(pod)}", "Warning");

    public void Killing(V1Container c) => Container(c, "Killing", $"Stopping container {c.Name}");

    public void DeadlineExceeded(string message) =>
        cluster.RecordEvent(Reference(null), "DeadlineExceeded", message, "Warning");

    /// <summary>The pod as the kubelet names it in messages (its format.Pod): <c>name_namespace(uid)</c>.</summary>
    public static string PodText(V1Pod pod) => $"{pod.Metadata.Name}_{pod.Metadata.NamespaceProperty ?? "default"}({pod.Metadata.Uid})";

    private void Container(V1Container c, string reason, string message, string type = "Normal") =>
        cluster.RecordEvent(Reference($"spec.containers{{{c.Name}}}"), reason, message, type);

    private V1ObjectReference Reference(string? fieldPath) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Name = pod.Metadata.Name,
        NamespaceProperty = pod.Metadata.NamespaceProperty,
        Uid = pod.Metadata.Uid,
        FieldPath = fieldPath,
    };
}
