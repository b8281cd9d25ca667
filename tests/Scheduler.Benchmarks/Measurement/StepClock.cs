using System.Globalization;
using Scheduler.Agent.Jobs;

namespace Scheduler.Benchmarks.Measurement;

/// <summary>
/// For a step whose only output is the wall-clock time it printed as its last act (<c>date +%s%N</c>), in
/// milliseconds: until a log follower received that output, and until the agent recorded the step's end.
/// </summary>
public readonly record struct StepClock(double FirstOutput, double EndDetection)
{
    public static StepClock Of(JobView view, DateTimeOffset firstChunkAt, string firstChunk)
    {
        var nanoseconds = long.Parse(firstChunk.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        var printedAt = DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);
        var finishedAt = view.Steps[0].FinishedAt ?? throw new InvalidOperationException($"job {view.Id}'s step has no end time");
        return new StepClock((firstChunkAt - printedAt).TotalMilliseconds, (finishedAt - printedAt).TotalMilliseconds);
    }
}
