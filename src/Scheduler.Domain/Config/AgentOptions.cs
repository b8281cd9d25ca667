namespace Scheduler.Domain.Config;

/// <summary>The <c>agent.*</c> section; names and defaults follow CircleCI's container-agent.</summary>
public sealed record AgentOptions
{
    /// <summary>The replica's name as shown in the console and the API.</summary>
    public string Name { get; init; } = "scheduler-agent";

    /// <summary>Tasks this replica runs at once, over all resource classes.</summary>
    public int MaxConcurrentTasks { get; init; } = 20;

    public TimeSpan MaxRunTime { get; init; } = TimeSpan.FromHours(5);
    public bool KubeGCEnabled { get; init; } = true;

    /// <summary>Managed pods and secrets older than this are garbage; must exceed <see cref="MaxRunTime"/>.</summary>
    public TimeSpan KubeGCThreshold { get; init; } = TimeSpan.FromMinutes(5 * 60 + 5);

    public TimeSpan KubeGCInterval { get; init; } = TimeSpan.FromMinutes(3);
    public ConstraintCheckerOptions ConstraintChecker { get; init; } = new();

    /// <summary>
    /// How long a task pod may wait for room on a node (unschedulable for lack of cpu, memory or pods while some
    /// node would otherwise fit it) before its job fails; like GitLab Runner's <c>poll_timeout</c>.
    /// </summary>
    public TimeSpan PodStartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How long a task pod's image pull may keep failing (<c>ErrImagePull</c>, <c>ImagePullBackOff</c>) before its job
    /// fails: the kubelet retries after 10 s, 20 s, 40 s, so three retries fit.
    /// </summary>
    public TimeSpan ImagePullGracePeriod { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>When set, written into every task pod's <c>terminationGracePeriodSeconds</c>.</summary>
    public long? TerminationGracePeriodSeconds { get; init; }

    /// <summary>
    /// The bearer token that may do everything through the API: any class's tasks, the task list, the resource
    /// classes and the garbage collector. Unset: nobody may use those operator-only endpoints.
    /// </summary>
    public string? OperatorToken { get; init; }

    /// <summary>
    /// The most bytes of step output a job's log keeps unless its class sets <c>outputLimit</c>; past it output is
    /// dropped after one marker line. 4 MiB, GitLab Runner's <c>output_limit</c> default.
    /// </summary>
    public long OutputLimit { get; init; } = 4 * 1024 * 1024;

    /// <summary>The output limit of a job of <paramref name="resourceClass"/>.</summary>
    public long OutputLimitOf(ResourceClassOptions resourceClass) => resourceClass.OutputLimit ?? OutputLimit;

    /// <summary>Keyed by resource class name (<c>namespace/name</c>), in config order.</summary>
    public IReadOnlyDictionary<string, ResourceClassOptions> ResourceClasses { get; init; } =
        new Dictionary<string, ResourceClassOptions>();
}
