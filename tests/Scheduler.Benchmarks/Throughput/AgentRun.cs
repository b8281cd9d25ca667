using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Throughput;

/// <summary>One agent configuration's figures: measured jobs, their wall time, two latencies (ms) and the journal's rows.</summary>
public sealed record AgentRun(
    string Storage, int Replicas, int Jobs, int Succeeded, double Seconds, LatencyStats SubmitToClaim, LatencyStats EndToEnd, JournalCount Journal)
{
    public string Name => $"agent, {Replicas} replica{(Replicas == 1 ? "" : "s")}, {Storage}";

    public double JobsPerSecond => Succeeded / Seconds;
}
