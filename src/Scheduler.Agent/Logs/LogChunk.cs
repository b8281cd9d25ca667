namespace Scheduler.Agent.Logs;

/// <summary>Bytes of a job's log starting at byte <paramref name="Offset"/>.</summary>
public sealed record LogChunk(long Offset, LogStream Stream, ReadOnlyMemory<byte> Data)
{
    public long EndOffset => Offset + Data.Length;
}
