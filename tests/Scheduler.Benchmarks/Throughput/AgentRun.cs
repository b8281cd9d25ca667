using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Throughput;

/// <summary>
/// One agent configuration's figures: measured jobs, their wall time, two latencies (ms), how many jobs held a slot
/// on average (claim to end, summed over jobs, ÷ wall time) and the journal's writes.
/// </summary>
public sealed record AgentRun(
    string Storage, int Replicas, int Jobs, int Succeeded, double Seconds, LatencyStats SubmitToClaim, LatencyStats EndToEnd, double MeanClaimed,
    JournalCount Journal)
{
    public string Name => $"agent, {Replicas} replica{(Replicas == 1 ? "" : "s")}, {Storage}";

    public double JobsPerSecond => Succeeded / Seconds;
}
