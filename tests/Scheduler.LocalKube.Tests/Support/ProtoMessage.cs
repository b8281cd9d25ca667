using Google.Protobuf;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>
/// Builds a protobuf message field by field with Google.Protobuf's CodedOutputStream, the way Kubernetes' generated
/// code lays it out (field numbers from its generated.proto), independently of LocalKube's decoder.
/// </summary>
public sealed class ProtoMessage
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _output;

    public ProtoMessage() => _output = new CodedOutputStream(_buffer);

    public ProtoMessage String(int field, string value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
        return this;
    }

    public ProtoMessage Bytes(int field, byte[] value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoMessage Varint(int field, long value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
        return this;
    }

    public ProtoMessage Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public ProtoMessage Fixed64(int field, ulong value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed64);
        _output.WriteFixed64(value);
        return this;
    }

    public ProtoMessage Fixed32(int field, uint value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed32);
        _output.WriteFixed32(value);
        return this;
    }

    public ProtoMessage Message(int field, Action<ProtoMessage> build)
    {
        var message = new ProtoMessage();
        build(message);
        return Bytes(field, message.ToArray());
    }

    /// <summary>A map entry: a message with the key in field 1 and the value in field 2.</summary>
    public ProtoMessage Entry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    public ProtoMessage Entry(int field, string key, byte[] value) => Message(field, e => e.String(1, key).Bytes(2, value));

    /// <summary>A map entry whose value is a resource.Quantity.</summary>
    public ProtoMessage QuantityEntry(int field, string key, string quantity) =>
        Message(field, e => e.String(1, key).Message(2, q => q.String(1, quantity)));

    public byte[] ToArray()
    {
        _output.Flush();
        return _buffer.ToArray();
    }

    /// <summary>The request body kubectl sends: <c>k8s\0</c> and a runtime.Unknown around the object's encoding.</summary>
    public static byte[] Envelope(string apiVersion, string kind, Action<ProtoMessage> build)
    {
        var raw = new ProtoMessage();
        build(raw);
        var unknown = new ProtoMessage()
            .Message(1, type => type.String(1, apiVersion).String(2, kind))
            .Bytes(2, raw.ToArray())
            .String(3, "")
            .String(4, "")
            .ToArray();
        return [.. "k8s\0"u8, .. unknown];
    }
}
