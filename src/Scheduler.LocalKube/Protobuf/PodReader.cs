using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>
/// core/v1 Pod and the PodSpec fields LocalKube acts on or kubectl sends; the status is not decoded (a create sets it,
/// an update keeps the stored one).
/// </summary>
internal static class PodReader
{
    public static V1Pod Read(ProtoReader r)
    {
        var pod = new V1Pod();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: pod.Metadata = r.Message(ObjectMetaReader.Read); break;
                case 2: pod.Spec = r.Message(Spec); break;
                default: r.Skip(); break;
            }
        }
        return pod;
    }

    private static V1PodSpec Spec(ProtoReader r)
    {
        var spec = new V1PodSpec();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: (spec.Volumes ??= []).Add(r.Message(VolumeReader.Read)); break;
                case 2: (spec.Containers ??= []).Add(r.Message(ContainerReader.Read)); break;
                case 3: spec.RestartPolicy = r.Text(); break;
                case 4: spec.TerminationGracePeriodSeconds = r.Int64(); break;
                case 5: spec.ActiveDeadlineSeconds = r.Int64(); break;
                case 6: spec.DnsPolicy = r.Text(); break;
                case 7: (spec.NodeSelector ??= new Dictionary<string, string>()).Put(r.StringEntry()); break;
                case 8: spec.ServiceAccountName = r.Text(); break;
                case 9: spec.ServiceAccount = r.Text(); break;
                case 10: spec.NodeName = r.Text(); break;
                case 11: spec.HostNetwork = r.Flag(); break;
                case 12: spec.HostPID = r.Flag(); break;
                case 13: spec.HostIPC = r.Flag(); break;
                case 14: spec.SecurityContext = r.Message(SecurityContext); break;
                case 15: (spec.ImagePullSecrets ??= []).Add(new V1LocalObjectReference { Name = r.ReferenceName() }); break;
                case 16: spec.Hostname = r.Text(); break;
                case 17: spec.Subdomain = r.Text(); break;
                case 18: spec.Affinity = r.Message(NodeAffinityReader.Affinity); break;
                case 19: spec.SchedulerName = r.Text(); break;
                case 20: (spec.InitContainers ??= []).Add(r.Message(ContainerReader.Read)); break;
                case 21: spec.AutomountServiceAccountToken = r.Bool(); break;
                case 22: (spec.Tolerations ??= []).Add(r.Message(Toleration)); break;
                case 24: spec.PriorityClassName = r.Text(); break;
                case 25: spec.Priority = r.Int32(); break;
                case 27: spec.ShareProcessNamespace = r.Bool(); break;
                case 30: spec.EnableServiceLinks = r.Bool(); break;
                case 31: spec.PreemptionPolicy = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return spec;
    }

    private static V1Toleration Toleration(ProtoReader r)
    {
        var toleration = new V1Toleration();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: toleration.Key = r.Text(); break;
                case 2: toleration.OperatorProperty = r.Text(); break;
                case 3: toleration.Value = r.Text(); break;
                case 4: toleration.Effect = r.Text(); break;
                case 5: toleration.TolerationSeconds = r.Int64(); break;
                default: r.Skip(); break;
            }
        }
        return toleration;
    }

    private static V1PodSecurityContext SecurityContext(ProtoReader r)
    {
        var context = new V1PodSecurityContext();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 2: context.RunAsUser = r.Int64(); break;
                case 3: context.RunAsNonRoot = r.Bool(); break;
                case 5: context.FsGroup = r.Int64(); break;
                case 6: context.RunAsGroup = r.Int64(); break;
                default: r.Skip(); break;
            }
        }
        return context;
    }
}
