namespace Scheduler.LocalKube.Scheduling;

/// <summary>Builds the scheduler's "0/N nodes are available: …" message from each node's failure reasons.</summary>
public static class UnschedulableMessage
{
    public static string Build(int nodeCount, IEnumerable<IReadOnlyList<string>> failuresPerNode)
    {
        if (nodeCount == 0) return "no nodes available to schedule pods";
        var counts = failuresPerNode
            .SelectMany(reasons => reasons)
            .GroupBy(reason => reason)
            .Select(group => $"{group.Count()} {group.Key}")
            .OrderBy(text => text, StringComparer.Ordinal);
        return $"0/{nodeCount} nodes are available: {string.Join(", ", counts)}.";
    }
}
