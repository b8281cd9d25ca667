using System.Text.RegularExpressions;

namespace Scheduler.Domain.Pods;

/// <summary>
/// kube-scheduler's verdict on a pod it could not place, parsed from its <c>PodScheduled=False/Unschedulable</c>
/// message: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.
/// preemption: …". Each node is counted under the reason of the first filter it failed; the resource filters run
/// after the static ones (unschedulable, taints, affinity), so a lack-of-room reason means that node passed them.
/// </summary>
public sealed partial record SchedulingFailure(int NodeCount, IReadOnlyList<NodeExclusion> Exclusions)
{
    /// <summary>The message when the cluster has no nodes at all.</summary>
    public const string NoNodes = "no nodes available to schedule pods";

    [GeneratedRegex(@"^0/(?<nodes>\d+) nodes are available: (?<list>.*?)\.(\s|$)", RegexOptions.Singleline)]
    private static partial Regex Summary();

    [GeneratedRegex(@"(?<count>\d+) (?<reason>.+?)(?=, \d+ |$)", RegexOptions.Singleline)]
    private static partial Regex Exclusion();

    /// <summary>
    /// Some node could take the pod once room appears there (or, with no nodes, once the autoscaler adds one):
    /// worth waiting for. False means every node is excluded by the pod's static constraints.
    /// </summary>
    public bool RoomMayAppear => NodeCount == 0 || Exclusions.Any(e => e.IsLackOfRoom);

    /// <summary>Null when <paramref name="message"/> is not in the scheduler's format.</summary>
    public static SchedulingFailure? Parse(string? message)
    {
        if (message is null)
            return null;
        var text = message.Trim();
        if (text.StartsWith(NoNodes, StringComparison.Ordinal))
            return new SchedulingFailure(0, []);

        var summary = Summary().Match(text);
        if (!summary.Success)
            return null;
        var exclusions = Exclusion().Matches(summary.Groups["list"].Value)
            .Select(m => new NodeExclusion(int.Parse(m.Groups["count"].Value), m.Groups["reason"].Value))
            .ToArray();
        return exclusions.Length == 0 ? null : new SchedulingFailure(int.Parse(summary.Groups["nodes"].Value), exclusions);
    }
}

/// <summary><paramref name="Nodes"/> nodes were excluded for <paramref name="Reason"/>, in the scheduler's words.</summary>
public sealed record NodeExclusion(int Nodes, string Reason)
{
    /// <summary>
    /// The node is full rather than unsuitable: its requests (NodeResourcesFit: "Insufficient cpu", "Insufficient
    /// nvidia.com/gpu", "Too many pods"), host ports or volume slots (NodeVolumeLimits) are taken by other pods.
    /// </summary>
    public bool IsLackOfRoom =>
        Reason.StartsWith("Insufficient ", StringComparison.Ordinal)
        || Reason is "Too many pods"
            or "node(s) didn't have free ports for the requested pod ports"
            or "node(s) exceed max volume count";
}
