namespace Scheduler.Benchmarks.Resources;

/// <summary>One leak check: a figure before and after, the highest acceptable value after, and whether it held.</summary>
public sealed record LeakCheck(string Name, double Before, double After, double Limit, string Unit)
{
    public bool Passed => After <= Limit;
}

/// <summary>
/// The churn benchmark's pass/fail rules, fixed before the run: no pod process, zombie or pod directory is left,
/// no more child processes than at the baseline, at most 10 more file descriptors, the GC heap within +20 %
/// and the resident set within +25 % of the baseline taken after the warm-up batch.
/// </summary>
public static class LeakVerdict
{
    public const int FileDescriptorSlack = 10;
    public const double HeapGrowth = 1.20;
    public const double RssGrowth = 1.25;

    public static IReadOnlyList<LeakCheck> Evaluate(ResourceSnapshot before, ResourceSnapshot after) =>
    [
        new("pod processes (env-tagged)", before.PodProcesses, after.PodProcesses, 0, ""),
        new("child processes", before.Descendants, after.Descendants, before.Descendants, ""),
        new("zombie children", before.Zombies, after.Zombies, 0, ""),
        new("pod directories", before.PodDirectories, after.PodDirectories, 0, ""),
        new("open fds", before.OpenFileDescriptors, after.OpenFileDescriptors, before.OpenFileDescriptors + FileDescriptorSlack, ""),
        new("GC heap", Mib(before.HeapBytes), Mib(after.HeapBytes), Mib(before.HeapBytes) * HeapGrowth, "MiB"),
        new("RSS", before.RssKilobytes / 1024.0, after.RssKilobytes / 1024.0, before.RssKilobytes / 1024.0 * RssGrowth, "MiB"),
    ];

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;
}
