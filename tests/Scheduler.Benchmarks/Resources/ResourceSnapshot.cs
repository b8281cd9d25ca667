using Scheduler.Benchmarks.Cluster;

namespace Scheduler.Benchmarks.Resources;

/// <summary>What this process holds at one moment: child processes, file descriptors, memory, and LocalKube's pod directories.</summary>
public sealed record ResourceSnapshot(
    int Descendants,
    int Zombies,
    int PodProcesses,
    IReadOnlyDictionary<string, int> FileDescriptors,
    long HeapBytes,
    long RssKilobytes,
    int Threads,
    int PodDirectories)
{
    public int OpenFileDescriptors => FileDescriptors.Values.Sum();

    /// <summary>Takes a snapshot after a full, compacting garbage collection.</summary>
    public static ResourceSnapshot Take(BenchmarkCluster cluster)
    {
        var table = ProcessTable.Read();
        var descendants = ProcessTable.Descendants(table, Environment.ProcessId);
        var podProcesses = ProcessTable.WithEnvironment(table, BenchmarkCluster.RunVariable, cluster.RunId);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var status = File.ReadAllLines("/proc/self/status");
        return new ResourceSnapshot(
            descendants.Count,
            descendants.Count(p => p.State == 'Z'),
            podProcesses.Count,
            Resources.FileDescriptors.CountByKind(),
            heap,
            StatusField(status, "VmRSS"),
            (int)StatusField(status, "Threads"),
            cluster.PodDirectoryCount());
    }

    public string Describe() =>
        $"children {Descendants,3} (zombies {Zombies}), pod processes {PodProcesses,3}, fds {OpenFileDescriptors,4} [{string.Join(' ', FileDescriptors.Select(kv => $"{kv.Key}={kv.Value}"))}], " +
        $"heap {HeapBytes / 1024.0 / 1024.0,6:F1} MiB, rss {RssKilobytes / 1024.0,6:F1} MiB, threads {Threads,3}, pod dirs {PodDirectories}";

    private static long StatusField(string[] lines, string name) =>
        lines.Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(name.Length + 1)..].Trim().Split(' ')[0]))
            .Single();
}
