using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>core/v1 Namespace; the status is not decoded (a create sets it).</summary>
internal static class NamespaceReader
{
    public static V1Namespace Read(ProtoReader r)
    {
        var ns = new V1Namespace();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: ns.Metadata = r.Message(ObjectMetaReader.Read); break;
                case 2: ns.Spec = r.Message(Spec); break;
                default: r.Skip(); break;
            }
        }
        return ns;
    }

    private static V1NamespaceSpec Spec(ProtoReader r)
    {
        var spec = new V1NamespaceSpec();
        while (r.Next())
        {
            if (r.Field == 1) (spec.Finalizers ??= []).Add(r.String());
            else r.Skip();
        }
        return spec;
    }
}
