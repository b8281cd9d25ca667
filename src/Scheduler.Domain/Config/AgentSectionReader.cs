namespace Scheduler.Domain.Config;

/// <summary>Reads the <c>agent.*</c> section, CircleCI container-agent names.</summary>
internal static class AgentSectionReader
{
    private static readonly AgentOptions Defaults = new();

    public static AgentOptions Read(ConfigSection agent)
    {
        var options = new AgentOptions
        {
            Name = agent.String("name", Defaults.Name),
            MaxConcurrentTasks = agent.Int("maxConcurrentTasks", Defaults.MaxConcurrentTasks),
            MaxRunTime = agent.Duration("maxRunTime", Defaults.MaxRunTime),
            KubeGCEnabled = agent.Bool("kubeGCEnabled", Defaults.KubeGCEnabled),
            KubeGCThreshold = agent.Duration("kubeGCThreshold", Defaults.KubeGCThreshold),
            KubeGCInterval = agent.Duration("kubeGCInterval", Defaults.KubeGCInterval),
            ConstraintChecker = ReadConstraintChecker(agent.Section("constraintChecker")),
            PodStartTimeout = agent.Duration("podStartTimeout", Defaults.PodStartTimeout),
            ImagePullGracePeriod = agent.Duration("imagePullGracePeriod", Defaults.ImagePullGracePeriod),
            TerminationGracePeriodSeconds = agent.OptionalLong("terminationGracePeriodSeconds"),
            OperatorToken = agent.OptionalString("operatorToken") is { Length: > 0 } operatorToken ? operatorToken : null,
            OutputLimit = agent.OptionalByteSize("outputLimit") ?? Defaults.OutputLimit,
            ResourceClasses = ReadResourceClasses(agent.Section("resourceClasses")),
        };
        agent.ReportUnknownKeys();
        return options;
    }

    private static ConstraintCheckerOptions ReadConstraintChecker(ConfigSection section)
    {
        var defaults = new ConstraintCheckerOptions();
        var options = new ConstraintCheckerOptions
        {
            Enable = section.Bool("enable", defaults.Enable),
            Threshold = section.Int("threshold", defaults.Threshold),
            Interval = section.Duration("interval", defaults.Interval),
        };
        section.ReportUnknownKeys();
        return options;
    }

    private static Dictionary<string, ResourceClassOptions> ReadResourceClasses(ConfigSection classes)
    {
        var result = new Dictionary<string, ResourceClassOptions>();
        foreach (var (name, _) in classes.Entries())
            result[name] = ResourceClassReader.Read(name, classes.Section(name));
        return result;
    }
}
