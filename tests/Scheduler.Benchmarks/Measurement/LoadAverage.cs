namespace Scheduler.Benchmarks.Measurement;

/// <summary>The machine is shared: the load average says how much the figures were disturbed.</summary>
public static class LoadAverage
{
    /// <summary>The 1, 5 and 15 minute load averages, as <c>/proc/loadavg</c> has them.</summary>
    public static string Read() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
