using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>core/v1 Node: metadata and spec; the status is not decoded (a create fills in LocalKube's node status).</summary>
internal static class NodeReader
{
    public static V1Node Read(ProtoReader r)
    {
        var node = new V1Node();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: node.Metadata = r.Message(ObjectMetaReader.Read); break;
                case 2: node.Spec = r.Message(Spec); break;
                default: r.Skip(); break;
            }
        }
        return node;
    }

    private static V1NodeSpec Spec(ProtoReader r)
    {
        var spec = new V1NodeSpec();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: spec.PodCIDR = r.Text(); break;
                case 3: spec.ProviderID = r.Text(); break;
                case 4: spec.Unschedulable = r.Flag(); break;
                case 5: (spec.Taints ??= []).Add(r.Message(Taint)); break;
                case 7: (spec.PodCIDRs ??= []).Add(r.String()); break;
                default: r.Skip(); break;
            }
        }
        return spec;
    }

    private static V1Taint Taint(ProtoReader r)
    {
        var taint = new V1Taint();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: taint.Key = r.Text(); break;
                case 2: taint.Value = r.Text(); break;
                case 3: taint.Effect = r.Text(); break;
                case 4: taint.TimeAdded = r.Time(); break;
                default: r.Skip(); break;
            }
        }
        return taint;
    }
}
