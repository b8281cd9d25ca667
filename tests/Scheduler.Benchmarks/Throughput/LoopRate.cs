namespace Scheduler.Benchmarks.Throughput;

/// <summary>Jobs run to their end by closed-loop workers in a wall-clock time.</summary>
public sealed record LoopRate(string Name, int Concurrency, int Jobs, double Seconds)
{
    public double JobsPerSecond => Jobs / Seconds;
}
