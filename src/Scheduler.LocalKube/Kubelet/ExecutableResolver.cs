namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// Finds the executable for argv[0] as the container runtime would (PATH lookup unless it contains a slash),
/// so that a missing command fails with the runtime's message instead of a setsid error.
/// </summary>
public static class ExecutableResolver
{
    /// <summary>Returns the absolute path, or the OCI runtime's error text (e.g. <c>exec: "foo": executable file not found in $PATH</c>).</summary>
    public static (string? Path, string? Error) Resolve(string command, string? searchPath, string workingDirectory)
    {
        if (command.Length == 0)
            return (null, "exec: \"\": executable file not found in $PATH");
        if (command.Contains('/'))
        {
            var path = Path.GetFullPath(command, workingDirectory);
            if (!File.Exists(path) && !Directory.Exists(path))
                return (null, $"exec: \"{command}\": stat {command}: no such file or directory");
            return IsExecutableFile(path) ? (path, null) : (null, $"exec: \"{command}\": permission denied");
        }
        foreach (var directory in (searchPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(Path.GetFullPath(directory, workingDirectory), command);
            if (IsExecutableFile(candidate))
                return (candidate, null);
        }
        return (null, $"exec: \"{command}\": executable file not found in $PATH");
    }

    private static bool IsExecutableFile(string path) =>
        File.Exists(path) && !OperatingSystem.IsWindows() &&
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
