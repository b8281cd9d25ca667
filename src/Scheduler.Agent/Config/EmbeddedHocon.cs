using Akka.Configuration;

namespace Scheduler.Agent.Config;

/// <summary>
/// The files of the repository's <c>hocon/</c> folder, embedded in this assembly so the agent finds
/// them from any working directory.
/// </summary>
public static class EmbeddedHocon
{
    public const string Agent = "agent.conf";
    public const string Akka = "akka.conf";
    public const string Serialization = "serialization.conf";

    public static string ReadText(string fileName)
    {
        using var stream = typeof(EmbeddedHocon).Assembly.GetManifestResourceStream($"hocon/{fileName}")
            ?? throw new InvalidOperationException($"hocon/{fileName} is not embedded in {typeof(EmbeddedHocon).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Akka.Configuration.Config Load(string fileName) => ConfigurationFactory.ParseString(ReadText(fileName));
}
