namespace Scheduler.Domain.Constraints;

/// <summary>One reason a node can never run a class's pod.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Constraint">Which check failed: one of the <see cref="Constraints"/> names.</param>
/// <param name="Detail">What exactly, e.g. <c>taint dedicated=ci:NoSchedule not tolerated</c>.</param>
public sealed record NodeRejection(string Node, string Constraint, string Detail)
{
    public static class Constraints
    {
        public const string Ready = "ready";
        public const string Unschedulable = "unschedulable";
        public const string NodeSelector = "nodeSelector";
        public const string NodeAffinity = "nodeAffinity";
        public const string Taints = "taints";
        public const string Resources = "resources";
    }

    public override string ToString() => $"node {Node}: {Detail}";
}
