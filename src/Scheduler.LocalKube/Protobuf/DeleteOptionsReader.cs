using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>meta/v1 DeleteOptions and its Preconditions.</summary>
internal static class DeleteOptionsReader
{
    public static V1DeleteOptions Read(ProtoReader r)
    {
        var options = new V1DeleteOptions();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: options.GracePeriodSeconds = r.Int64(); break;
                case 2: options.Preconditions = r.Message(Preconditions); break;
                case 3: options.OrphanDependents = r.Bool(); break;
                case 4: options.PropagationPolicy = r.Text(); break;
                case 5: (options.DryRun ??= []).Add(r.String()); break;
                default: r.Skip(); break;
            }
        }
        return options;
    }

    private static V1Preconditions Preconditions(ProtoReader r)
    {
        var preconditions = new V1Preconditions();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: preconditions.Uid = r.Text(); break;
                case 2: preconditions.ResourceVersion = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return preconditions;
    }
}
