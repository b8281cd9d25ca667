using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Config;

/// <summary>Reads one <c>agent.resourceClasses.&lt;name&gt;</c> entry: token, limit, execution mode, pod template and cache, allow-lists,
/// <c>allowPrivileged</c>, the service settings, the caps on a task's resources, overrides and retries, and <c>outputLimit</c>.</summary>
internal static class ResourceClassReader
{
    public static ResourceClassOptions Read(string name, ConfigSection entry)
    {
        var options = new ResourceClassOptions(
            name,
            entry.String("token", ""),
            entry.OptionalInt("maxConcurrentTasks"),
            ReadExecution(entry),
            PodTemplateReader.Read(entry) with { Cache = CacheVolumeReader.Read(entry) })
        {
            AllowedImages = entry.StringList("allowedImages"),
            AllowedPullPolicies = entry.StringList("allowedPullPolicies"),
            AllowPrivileged = entry.Bool("allowPrivileged", false),
            AllowServices = entry.Bool("allowServices", true),
            ServiceStartTimeout = entry.Duration("serviceStartTimeout", ResourceClassOptions.DefaultServiceStartTimeout),
            MaxCpu = ReadQuantity(entry, "maxCpu"),
            MaxMemory = ReadQuantity(entry, "maxMemory"),
            AllowedNodeSelectorKeys = entry.StringList("allowedNodeSelectorKeys"),
            AllowedTolerationKeys = entry.StringList("allowedTolerationKeys"),
            OutputLimit = entry.OptionalByteSize("outputLimit"),
            MaxInfrastructureRetries = ReadMaxRetries(entry),
        };
        entry.ReportUnknownKeys();
        return options;
    }

    private static int ReadMaxRetries(ConfigSection entry)
    {
        var max = entry.Int("maxInfrastructureRetries", ResourceClassOptions.DefaultMaxInfrastructureRetries);
        if (max is >= 0 and <= TaskSpecParser.MaxInfrastructureRetries)
            return max;
        entry.Error("maxInfrastructureRetries", $"must be from 0 to {TaskSpecParser.MaxInfrastructureRetries}, got {max}");
        return ResourceClassOptions.DefaultMaxInfrastructureRetries;
    }

    private static KubeQuantity? ReadQuantity(ConfigSection entry, string name)
    {
        var text = entry.OptionalString(name);
        if (text is null)
            return null;
        var quantity = KubeQuantity.Parse(text, out var error);
        if (quantity is null)
            entry.Error(name, error);
        return quantity;
    }

    private static ExecutionMode ReadExecution(ConfigSection entry)
    {
        var text = entry.OptionalString("execution");
        switch (text)
        {
            case null or "exec":
                return ExecutionMode.Exec;
            case "attach":
                return ExecutionMode.Attach;
            default:
                entry.Error("execution", $"must be exec or attach, got \"{text}\"");
                return ExecutionMode.Exec;
        }
    }
}
