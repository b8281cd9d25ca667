namespace Scheduler.Kube.Steps;

/// <summary>One message of the Kubernetes channel protocol: a channel byte (0 stdin, 1 stdout, 2 stderr, 3 status) and its payload.</summary>
public readonly record struct ChannelFrame(byte Channel, ReadOnlyMemory<byte> Data)
{
    public const byte Stdin = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Status = 3;
}
