using k8s;
using k8s.Models;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Store;

/// <summary>
/// What label and field selectors see of an object: its labels and selectable fields. A change keeps this instead
/// of the whole previous object, so the bounded watch history holds one object per change, not two.
/// </summary>
internal sealed record SelectableState(IDictionary<string, string>? Labels, IReadOnlyDictionary<string, string> Fields)
{
    public static SelectableState Of(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj) =>
        new(obj.Metadata.Labels, kind.Fields(obj));
}
