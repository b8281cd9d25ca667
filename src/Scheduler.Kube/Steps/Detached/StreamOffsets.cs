namespace Scheduler.Kube.Steps.Detached;

/// <summary>How many bytes of a step's stdout and stderr files have been consumed.</summary>
public readonly record struct StreamOffsets(long Stdout, long Stderr)
{
    public static readonly StreamOffsets Start = new(0, 0);

    public StreamOffsets Advance(OutputStream stream, long count) =>
        stream == OutputStream.Stderr ? this with { Stderr = Stderr + count } : this with { Stdout = Stdout + count };

    public bool Covers(StepEnd end) => end.StreamedLive || Stdout >= end.StdoutSize && Stderr >= end.StderrSize;
}
