using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>
/// core/v1 Container: what LocalKube runs or shows (command, env, resources, mounts, ports, security context, stdin/tty).
/// Probes, lifecycle hooks, resize policies and volume devices are not decoded.
/// </summary>
internal static class ContainerReader
{
    public static V1Container Read(ProtoReader r)
    {
        var container = new V1Container();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: container.Name = r.Text(); break;
                case 2: container.Image = r.Text(); break;
                case 3: (container.Command ??= []).Add(r.String()); break;
                case 4: (container.Args ??= []).Add(r.String()); break;
                case 5: container.WorkingDir = r.Text(); break;
                case 6: (container.Ports ??= []).Add(r.Message(Port)); break;
                case 7: (container.Env ??= []).Add(r.Message(EnvReader.Variable)); break;
                case 8: container.Resources = r.Message(Resources); break;
                case 9: (container.VolumeMounts ??= []).Add(r.Message(VolumeMount)); break;
                case 13: container.TerminationMessagePath = r.Text(); break;
                case 14: container.ImagePullPolicy = r.Text(); break;
                case 15: container.SecurityContext = r.Message(SecurityContext); break;
                case 16: container.Stdin = r.Flag(); break;
                case 17: container.StdinOnce = r.Flag(); break;
                case 18: container.Tty = r.Flag(); break;
                case 19: (container.EnvFrom ??= []).Add(r.Message(EnvReader.Source)); break;
                case 20: container.TerminationMessagePolicy = r.Text(); break;
                case 24: container.RestartPolicy = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return container;
    }

    private static V1ContainerPort Port(ProtoReader r)
    {
        var port = new V1ContainerPort();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: port.Name = r.Text(); break;
                case 2: port.HostPort = r.NonZero(); break;
                case 3: port.ContainerPort = r.Int32(); break;
                case 4: port.Protocol = r.Text(); break;
                case 5: port.HostIP = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return port;
    }

    private static V1ResourceRequirements Resources(ProtoReader r)
    {
        var resources = new V1ResourceRequirements();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: (resources.Limits ??= new Dictionary<string, ResourceQuantity>()).Put(r.QuantityEntry()); break;
                case 2: (resources.Requests ??= new Dictionary<string, ResourceQuantity>()).Put(r.QuantityEntry()); break;
                default: r.Skip(); break;
            }
        }
        return resources;
    }

    private static V1VolumeMount VolumeMount(ProtoReader r)
    {
        var mount = new V1VolumeMount();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: mount.Name = r.Text(); break;
                case 2: mount.ReadOnlyProperty = r.Flag(); break;
                case 3: mount.MountPath = r.Text(); break;
                case 4: mount.SubPath = r.Text(); break;
                case 5: mount.MountPropagation = r.Text(); break;
                case 6: mount.SubPathExpr = r.Text(); break;
                case 7: mount.RecursiveReadOnly = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return mount;
    }

    private static V1SecurityContext SecurityContext(ProtoReader r)
    {
        var context = new V1SecurityContext();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: context.Capabilities = r.Message(Capabilities); break;
                case 2: context.Privileged = r.Bool(); break;
                case 4: context.RunAsUser = r.Int64(); break;
                case 5: context.RunAsNonRoot = r.Bool(); break;
                case 6: context.ReadOnlyRootFilesystem = r.Bool(); break;
                case 7: context.AllowPrivilegeEscalation = r.Bool(); break;
                case 8: context.RunAsGroup = r.Int64(); break;
                default: r.Skip(); break;
            }
        }
        return context;
    }

    private static V1Capabilities Capabilities(ProtoReader r)
    {
        var capabilities = new V1Capabilities();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: (capabilities.Add ??= []).Add(r.String()); break;
                case 2: (capabilities.Drop ??= []).Add(r.String()); break;
                default: r.Skip(); break;
            }
        }
        return capabilities;
    }
}
