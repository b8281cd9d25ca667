namespace Scheduler.Agent.Tests.Config;

/// <summary>A HOCON file in a temp dir, deleted on dispose.</summary>
internal sealed class TempConfigFile : IDisposable
{
    public TempConfigFile(string hocon)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sched-config-{Guid.NewGuid():N}.conf");
        File.WriteAllText(Path, hocon);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
