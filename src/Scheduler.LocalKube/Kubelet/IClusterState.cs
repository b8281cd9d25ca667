using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// What the kubelet half of LocalKube may see and change in the API server's store.
/// Implemented by the store; every mutation bumps resourceVersion and notifies watchers.
/// </summary>
public interface IClusterState
{
    V1Pod? GetPod(string ns, string name);

    V1Secret? GetSecret(string ns, string name);

    /// <summary>Atomically mutates a pod's status (or other fields); returns false when the pod is gone.</summary>
    bool UpdatePod(string ns, string name, Action<V1Pod> mutate);

    /// <summary>Creates a core/v1 Event about the object, as the real kubelet and scheduler do.</summary>
    void RecordEvent(V1ObjectReference involvedObject, string reason, string message, string type = "Normal");

    /// <summary>Removes a pod for good, after its graceful termination ended (emits DELETED).</summary>
    void RemovePod(string ns, string name);
}
