using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>core/v1 ConfigMap.</summary>
internal static class ConfigMapReader
{
    public static V1ConfigMap Read(ProtoReader r)
    {
        var configMap = new V1ConfigMap();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: configMap.Metadata = r.Message(ObjectMetaReader.Read); break;
                case 2: (configMap.Data ??= new Dictionary<string, string>()).Put(r.StringEntry()); break;
                case 3: (configMap.BinaryData ??= new Dictionary<string, byte[]>()).Put(r.BytesEntry()); break;
                case 4: configMap.Immutable = r.Bool(); break;
                default: r.Skip(); break;
            }
        }
        return configMap;
    }
}
