using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>meta/v1 ObjectMeta and OwnerReference. managedFields are not decoded (LocalKube has no server-side apply).</summary>
internal static class ObjectMetaReader
{
    public static V1ObjectMeta Read(ProtoReader r)
    {
        var meta = new V1ObjectMeta();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: meta.Name = r.Text(); break;
                case 2: meta.GenerateName = r.Text(); break;
                case 3: meta.NamespaceProperty = r.Text(); break;
                case 4: meta.SelfLink = r.Text(); break;
                case 5: meta.Uid = r.Text(); break;
                case 6: meta.ResourceVersion = r.Text(); break;
                case 7: meta.Generation = r.Int64() is var generation and not 0 ? generation : null; break;
                case 8: meta.CreationTimestamp = r.Time(); break;
                case 9: meta.DeletionTimestamp = r.Time(); break;
                case 10: meta.DeletionGracePeriodSeconds = r.Int64(); break;
                case 11: (meta.Labels ??= new Dictionary<string, string>()).Put(r.StringEntry()); break;
                case 12: (meta.Annotations ??= new Dictionary<string, string>()).Put(r.StringEntry()); break;
                case 13: (meta.OwnerReferences ??= []).Add(r.Message(OwnerReference)); break;
                case 14: (meta.Finalizers ??= []).Add(r.String()); break;
                default: r.Skip(); break;
            }
        }
        return meta;
    }

    private static V1OwnerReference OwnerReference(ProtoReader r)
    {
        var owner = new V1OwnerReference();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: owner.Kind = r.Text(); break;
                case 3: owner.Name = r.Text(); break;
                case 4: owner.Uid = r.Text(); break;
                case 5: owner.ApiVersion = r.Text(); break;
                case 6: owner.Controller = r.Bool(); break;
                case 7: owner.BlockOwnerDeletion = r.Bool(); break;
                default: r.Skip(); break;
            }
        }
        return owner;
    }
}
