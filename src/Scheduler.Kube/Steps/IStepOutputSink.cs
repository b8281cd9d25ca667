namespace Scheduler.Kube.Steps;

/// <summary>Receives a step's output as it arrives, chunk by chunk, in arrival order across both streams.</summary>
public interface IStepOutputSink
{
    /// <summary>The chunk's memory is only valid during the call; copy it to keep it.</summary>
    ValueTask WriteAsync(OutputStream stream, ReadOnlyMemory<byte> chunk, CancellationToken ct);
}
