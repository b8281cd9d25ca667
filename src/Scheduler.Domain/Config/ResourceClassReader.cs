using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Config;

/// <summary>Reads one <c>agent.resourceClasses.&lt;name&gt;</c> entry: token, limit, execution mode, pod template, allow-lists, <c>allowPrivileged</c> and the service settings.</summary>
internal static class ResourceClassReader
{
    public static ResourceClassOptions Read(string name, ConfigSection entry)
    {
        var options = new ResourceClassOptions(
            name,
            entry.String("token", ""),
            entry.OptionalInt("maxConcurrentTasks"),
            ReadExecution(entry),
            PodTemplateReader.Read(entry))
        {
            AllowedImages = entry.StringList("allowedImages"),
            AllowedPullPolicies = entry.StringList("allowedPullPolicies"),
            AllowPrivileged = entry.Bool("allowPrivileged", false),
            AllowServices = entry.Bool("allowServices", true),
            ServiceStartTimeout = entry.Duration("serviceStartTimeout", ResourceClassOptions.DefaultServiceStartTimeout),
        };
        entry.ReportUnknownKeys();
        return options;
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
