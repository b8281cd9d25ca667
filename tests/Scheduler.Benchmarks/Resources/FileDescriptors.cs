namespace Scheduler.Benchmarks.Resources;

/// <summary>This process's open file descriptors, counted by kind (socket, pipe, anon_inode, file, …) from /proc/self/fd.</summary>
public static class FileDescriptors
{
    public static IReadOnlyDictionary<string, int> CountByKind()
    {
        var counts = new SortedDictionary<string, int>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed while we looked
            }
            var kind = Kind(target ?? "");
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }
        return counts;
    }

    /// <summary>"socket:[123]" → socket, "pipe:[9]" → pipe, "anon_inode:[eventpoll]" → anon_inode, "/dev/null" → dev, else file.</summary>
    public static string Kind(string target) => target switch
    {
        _ when target.StartsWith("socket:", StringComparison.Ordinal) => "socket",
        _ when target.StartsWith("pipe:", StringComparison.Ordinal) => "pipe",
        _ when target.StartsWith("anon_inode:", StringComparison.Ordinal) => "anon_inode",
        _ when target.StartsWith("/dev/", StringComparison.Ordinal) => "dev",
        _ => "file",
    };
}
