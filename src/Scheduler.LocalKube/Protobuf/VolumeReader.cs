using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>core/v1 Volume with the emptyDir, hostPath, secret and configMap sources; other sources are not decoded.</summary>
internal static class VolumeReader
{
    public static V1Volume Read(ProtoReader r)
    {
        var volume = new V1Volume();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: volume.Name = r.Text(); break;
                case 2: r.Message(source => Source(source, volume)); break;
                default: r.Skip(); break;
            }
        }
        return volume;
    }

    /// <summary>The VolumeSource message, whose fields JSON (and KubernetesClient) inline into the Volume.</summary>
    private static V1Volume Source(ProtoReader r, V1Volume volume)
    {
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: volume.HostPath = r.Message(HostPath); break;
                case 2: volume.EmptyDir = r.Message(EmptyDir); break;
                case 6: volume.Secret = r.Message(Secret); break;
                case 19: volume.ConfigMap = r.Message(ConfigMap); break;
                default: r.Skip(); break;
            }
        }
        return volume;
    }

    private static V1HostPathVolumeSource HostPath(ProtoReader r)
    {
        var hostPath = new V1HostPathVolumeSource();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: hostPath.Path = r.Text(); break;
                case 2: hostPath.Type = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return hostPath;
    }

    private static V1EmptyDirVolumeSource EmptyDir(ProtoReader r)
    {
        var emptyDir = new V1EmptyDirVolumeSource();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: emptyDir.Medium = r.Text(); break;
                case 2: emptyDir.SizeLimit = r.Quantity(); break;
                default: r.Skip(); break;
            }
        }
        return emptyDir;
    }

    private static V1SecretVolumeSource Secret(ProtoReader r)
    {
        var secret = new V1SecretVolumeSource();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: secret.SecretName = r.Text(); break;
                case 2: (secret.Items ??= []).Add(r.Message(KeyToPath)); break;
                case 3: secret.DefaultMode = r.Int32(); break;
                case 4: secret.Optional = r.Bool(); break;
                default: r.Skip(); break;
            }
        }
        return secret;
    }

    private static V1ConfigMapVolumeSource ConfigMap(ProtoReader r)
    {
        var configMap = new V1ConfigMapVolumeSource();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: configMap.Name = r.ReferenceName(); break;
                case 2: (configMap.Items ??= []).Add(r.Message(KeyToPath)); break;
                case 3: configMap.DefaultMode = r.Int32(); break;
                case 4: configMap.Optional = r.Bool(); break;
                default: r.Skip(); break;
            }
        }
        return configMap;
    }

    private static V1KeyToPath KeyToPath(ProtoReader r)
    {
        var item = new V1KeyToPath();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: item.Key = r.Text(); break;
                case 2: item.Path = r.Text(); break;
                case 3: item.Mode = r.Int32(); break;
                default: r.Skip(); break;
            }
        }
        return item;
    }
}
