using System.Diagnostics;

namespace Scheduler.Benchmarks.Measurement;

/// <summary>Monotonic timestamps and the milliseconds between them.</summary>
public static class Timing
{
    public static long Now() => Stopwatch.GetTimestamp();

    public static double MillisecondsBetween(long start, long end) => Stopwatch.GetElapsedTime(start, end).TotalMilliseconds;

    public static double MillisecondsSince(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    public static async Task<double> MeasureAsync(Func<Task> action)
    {
        var start = Now();
        await action();
        return MillisecondsSince(start);
    }
}
