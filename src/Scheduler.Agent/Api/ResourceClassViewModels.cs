namespace Scheduler.Agent.Api;

/// <summary>The body of <c>GET /api/v1/resource-classes</c>.</summary>
/// <param name="CheckerEnabled"><c>agent.constraintChecker.enable</c>.</param>
public sealed record ResourceClassesView(bool CheckerEnabled, int Threshold, TimeSpan Interval, IReadOnlyList<ResourceClassView> Classes);

/// <param name="Limit">The class's <c>maxConcurrentTasks</c>; null when only the replicas' limits apply.</param>
/// <param name="Enabled">Whether the class claims; false while the constraint checker has disabled it.</param>
/// <param name="Reasons">Why the last check failed, one readable line per node and constraint.</param>
/// <param name="LastChecked">When the constraint checker last checked the class; null before the first check.</param>
public sealed record ResourceClassView(
    string Name,
    int Queued,
    int Running,
    int? Limit,
    bool Enabled,
    int ConsecutiveFailures,
    IReadOnlyList<ConstraintRejectionView> Rejections,
    IReadOnlyList<string> Reasons,
    DateTimeOffset? LastChecked);

/// <param name="Constraint">ready, unschedulable, nodeSelector, nodeAffinity, taints or resources.</param>
public sealed record ConstraintRejectionView(string Node, string Constraint, string Detail);
