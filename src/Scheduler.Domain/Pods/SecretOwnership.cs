using k8s;
using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>
/// Makes a job's Secret owned by its Pod, so Kubernetes garbage-collects the secret with the pod even if the
/// agent never gets to delete it. Not a controller reference and not blocking the owner's deletion.
/// </summary>
public static class SecretOwnership
{
    public static V1OwnerReference OwnerReference(V1Pod pod) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Name = pod.Metadata.Name,
        Uid = pod.Metadata.Uid ?? throw new ArgumentException("the pod has no uid yet (use the pod returned by create/get)", nameof(pod)),
        Controller = false,
        BlockOwnerDeletion = false,
    };

    /// <summary>A JSON merge patch for the secret that sets the pod as its owner.</summary>
    public static V1Patch Patch(V1Pod pod) => new(
        KubernetesJson.Serialize(new V1Secret { Metadata = new V1ObjectMeta { OwnerReferences = [OwnerReference(pod)] } }),
        V1Patch.PatchType.MergePatch);
}
