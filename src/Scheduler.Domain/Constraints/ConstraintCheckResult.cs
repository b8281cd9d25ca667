namespace Scheduler.Domain.Constraints;

/// <summary>The outcome of checking one pod against all nodes: the nodes that could run it and why each other one cannot.</summary>
public sealed record ConstraintCheckResult(IReadOnlyList<string> FittingNodes, IReadOnlyList<NodeRejection> Rejections)
{
    public const string NoNodes = "no nodes in the cluster";

    public bool Passed => FittingNodes.Count > 0;

    /// <summary>Readable reasons, one per failed constraint and node; empty when the check passed.</summary>
    public IReadOnlyList<string> Reasons =>
        Passed ? [] : Rejections.Count == 0 ? [NoNodes] : Rejections.Select(r => r.ToString()).ToArray();
}
