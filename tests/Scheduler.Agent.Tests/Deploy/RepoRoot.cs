namespace Scheduler.Agent.Tests.Deploy;

/// <summary>The checkout this test assembly was built from (the directory holding Scheduler.sln).</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Scheduler.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("Scheduler.sln not found above " + AppContext.BaseDirectory);
    }
}
