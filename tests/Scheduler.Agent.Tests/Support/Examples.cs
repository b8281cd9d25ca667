namespace Scheduler.Agent.Tests.Support;

/// <summary>The task specs in <c>deploy/examples</c>, which a new user runs first.</summary>
public static class Examples
{
    public static string Directory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
                directory = directory.Parent;
            return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Scheduler.sln not found"), "deploy", "examples");
        }
    }

    public static string PathOf(string name) => Path.Combine(Directory, name);
}
