using k8s.Models;
using Scheduler.LocalKube.Kubelet;
using Scheduler.LocalKube.Lifecycle;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Store;

/// <summary>The kubelet's view of the store.</summary>
internal sealed class ClusterState(ObjectStore store, EventRecorder events) : IClusterState
{
    public V1Pod? GetPod(string ns, string name) => store.Get<V1Pod>(ResourceCatalog.Pods, ns, name);

    public V1Secret? GetSecret(string ns, string name) => store.Get<V1Secret>(ResourceCatalog.Secrets, ns, name);

    public bool UpdatePod(string ns, string name, Action<V1Pod> mutate) =>
        store.Update<V1Pod>(ResourceCatalog.Pods, ns, name, pod =>
        {
            mutate(pod);
            return true;
        }) is not null;

    public void RecordEvent(V1ObjectReference involvedObject, string reason, string message, string type = "Normal") =>
        events.Record(involvedObject, reason, message, type);

    public void RemovePod(string ns, string name) => store.Remove(ResourceCatalog.Pods, ns, name);
}
