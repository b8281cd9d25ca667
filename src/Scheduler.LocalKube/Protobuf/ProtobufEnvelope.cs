namespace Scheduler.LocalKube.Protobuf;

/// <summary>
/// A body in Kubernetes' protobuf encoding: the magic bytes <c>k8s\0</c>, then a runtime.Unknown holding the object's
/// type (apiVersion, kind) and its own protobuf encoding (raw).
/// </summary>
internal sealed record ProtobufEnvelope(string ApiVersion, string Kind, byte[] Raw)
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static ProtobufEnvelope Read(byte[] body)
    {
        if (!body.AsSpan().StartsWith(Magic)) throw new FormatException("a protobuf body must start with the bytes \"k8s\\x00\"");
        var r = new ProtoReader(body[Magic.Length..]);
        string apiVersion = "", kind = "";
        byte[] raw = [];
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: (apiVersion, kind) = r.Message(TypeMeta); break;
                case 2: raw = r.Bytes(); break;
                case 3:
                    if (r.Text() is { } encoding) throw new FormatException($"unsupported protobuf contentEncoding \"{encoding}\"");
                    break;
                default: r.Skip(); break;
            }
        }
        if (kind.Length == 0) throw new FormatException("the protobuf body names no kind");
        return new ProtobufEnvelope(apiVersion, kind, raw);
    }

    private static (string ApiVersion, string Kind) TypeMeta(ProtoReader r)
    {
        string apiVersion = "", kind = "";
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: apiVersion = r.String(); break;
                case 2: kind = r.String(); break;
                default: r.Skip(); break;
            }
        }
        return (apiVersion, kind);
    }
}
