using System.Text.Json.Nodes;

namespace Scheduler.Domain.Config;

/// <summary>
/// Maps a config tree (HOCON or JSON, already merged with defaults and overrides) to <see cref="SchedulerOptions"/>
/// and validates it. Reads the <c>agent</c>, <c>kubernetes</c>, <c>api</c>, <c>storage</c>, <c>replica</c> and
/// <c>console</c> sections and ignores other top-level keys such as <c>akka</c>.
/// </summary>
public static class SchedulerConfigReader
{
    public static ConfigLoadResult Read(JsonObject root)
    {
        var errors = new List<ConfigError>();
        var options = new SchedulerOptions
        {
            Agent = AgentSectionReader.Read(Section(root, "agent", errors)),
            Kubernetes = HostSectionReaders.Kubernetes(Section(root, "kubernetes", errors)),
            Api = HostSectionReaders.Api(Section(root, "api", errors)),
            Storage = HostSectionReaders.Storage(Section(root, "storage", errors)),
            Replica = HostSectionReaders.Replica(Section(root, "replica", errors)),
            Console = HostSectionReaders.Console(Section(root, "console", errors)),
        };
        errors.AddRange(AgentOptionsValidator.Validate(options.Agent));
        errors.AddRange(HostOptionsValidator.Validate(options));
        return ConfigLoadResult.From(options, errors);
    }

    private static ConfigSection Section(JsonObject root, string name, List<ConfigError> errors)
    {
        var node = root[name];
        if (node is not null and not JsonObject)
            errors.Add(new ConfigError(name, "must be an object"));
        return new ConfigSection(node as JsonObject ?? [], name, errors);
    }
}
