using Google.Protobuf;
using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>
/// Reads one protobuf message field by field, checking each field's wire type. Kubernetes' encoder writes every
/// non-pointer field, zero values included; <see cref="Text"/>, <see cref="Flag"/> and <see cref="NonZero"/> read those
/// zeros as null, as its JSON (omitempty) would leave them out. Pointer fields use the plain readers.
/// </summary>
internal sealed class ProtoReader(byte[] bytes)
{
    private readonly CodedInputStream _input = new(bytes);
    private uint _tag;

    public int Field => WireFormat.GetTagFieldNumber(_tag);

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        _tag = _input.ReadTag();
        return _tag != 0;
    }

    /// <summary>Skips a field this reader does not decode.</summary>
    public void Skip() => _input.SkipLastField();

    public string String()
    {
        Expect(WireFormat.WireType.LengthDelimited);
        return _input.ReadString();
    }

    public string? Text() => String() is { Length: > 0 } text ? text : null;

    public byte[] Bytes()
    {
        Expect(WireFormat.WireType.LengthDelimited);
        return _input.ReadBytes().ToByteArray();
    }

    public bool Bool()
    {
        Expect(WireFormat.WireType.Varint);
        return _input.ReadBool();
    }

    public bool? Flag() => Bool() ? true : null;

    public int Int32()
    {
        Expect(WireFormat.WireType.Varint);
        return _input.ReadInt32();
    }

    public int? NonZero() => Int32() is var value and not 0 ? value : null;

    public long Int64()
    {
        Expect(WireFormat.WireType.Varint);
        return _input.ReadInt64();
    }

    public T Message<T>(Func<ProtoReader, T> read) => read(new ProtoReader(Bytes()));

    /// <summary>A meta/v1 Time or MicroTime (seconds and nanos since the epoch); the zero time is null.</summary>
    public DateTime? Time() => Message(time =>
    {
        long seconds = 0;
        var nanos = 0;
        while (time.Next())
        {
            switch (time.Field)
            {
                case 1: seconds = time.Int64(); break;
                case 2: nanos = time.Int32(); break;
                default: time.Skip(); break;
            }
        }
        return seconds == 0 && nanos == 0 ? (DateTime?)null : DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(nanos / 100);
    });

    /// <summary>A resource.Quantity, whose only field is its string form.</summary>
    public ResourceQuantity Quantity() => Message(quantity =>
    {
        var text = "";
        while (quantity.Next())
        {
            if (quantity.Field == 1) text = quantity.String();
            else quantity.Skip();
        }
        return new ResourceQuantity(text);
    });

    /// <summary>The name of a LocalObjectReference.</summary>
    public string? ReferenceName() => Message(reference =>
    {
        string? name = null;
        while (reference.Next())
        {
            if (reference.Field == 1) name = reference.Text();
            else reference.Skip();
        }
        return name;
    });

    public KeyValuePair<string, string> StringEntry() => Entry(r => r.String(), "");

    public KeyValuePair<string, byte[]> BytesEntry() => Entry(r => r.Bytes(), []);

    public KeyValuePair<string, ResourceQuantity> QuantityEntry() => Entry(r => r.Quantity(), new ResourceQuantity("0"));

    /// <summary>One entry of a protobuf map: a message with the key in field 1 and the value in field 2.</summary>
    private KeyValuePair<string, T> Entry<T>(Func<ProtoReader, T> readValue, T absent) => Message(entry =>
    {
        var key = "";
        var value = absent;
        while (entry.Next())
        {
            switch (entry.Field)
            {
                case 1: key = entry.String(); break;
                case 2: value = readValue(entry); break;
                default: entry.Skip(); break;
            }
        }
        return KeyValuePair.Create(key, value);
    });

    private void Expect(WireFormat.WireType wireType)
    {
        var actual = WireFormat.GetTagWireType(_tag);
        if (actual != wireType)
            throw new FormatException($"protobuf field {Field} has wire type {actual}, expected {wireType}");
    }
}
