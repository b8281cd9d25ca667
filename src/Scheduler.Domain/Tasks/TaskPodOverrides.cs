namespace Scheduler.Domain.Tasks;

/// <summary>
/// What a task changes in its class's pod: its container's <see cref="Resources"/>, and node selector entries and
/// tolerations, each for a key the class allows (<see cref="PodOverridesLimits"/>).
/// </summary>
public sealed record TaskPodOverrides(
    TaskResources Resources,
    IReadOnlyDictionary<string, string> NodeSelector,
    IReadOnlyList<TaskToleration> Tolerations)
{
    public static readonly TaskPodOverrides None = new(TaskResources.None, new Dictionary<string, string>(), []);

    public bool IsEmpty => Resources.IsEmpty && NodeSelector.Count == 0 && Tolerations.Count == 0;

    public bool Equals(TaskPodOverrides? other) =>
        other is not null
        && Resources == other.Resources
        && NodeSelector.Count == other.NodeSelector.Count
        && NodeSelector.All(e => other.NodeSelector.TryGetValue(e.Key, out var v) && v == e.Value)
        && Tolerations.SequenceEqual(other.Tolerations);

    public override int GetHashCode() => HashCode.Combine(Resources, NodeSelector.Count, Tolerations.Count);
}
