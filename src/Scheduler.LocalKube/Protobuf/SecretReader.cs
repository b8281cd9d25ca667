using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>core/v1 Secret.</summary>
internal static class SecretReader
{
    public static V1Secret Read(ProtoReader r)
    {
        var secret = new V1Secret();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: secret.Metadata = r.Message(ObjectMetaReader.Read); break;
                case 2: (secret.Data ??= new Dictionary<string, byte[]>()).Put(r.BytesEntry()); break;
                case 3: secret.Type = r.Text(); break;
                case 4: (secret.StringData ??= new Dictionary<string, string>()).Put(r.StringEntry()); break;
                case 5: secret.Immutable = r.Bool(); break;
                default: r.Skip(); break;
            }
        }
        return secret;
    }
}
