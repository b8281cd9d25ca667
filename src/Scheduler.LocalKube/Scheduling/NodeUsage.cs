namespace Scheduler.LocalKube.Scheduling;

/// <summary>What the pods already bound to a node (and not finished) request of it.</summary>
public sealed record NodeUsage(PodRequests Requested, int Pods)
{
    public static readonly NodeUsage Empty = new(PodRequests.None, 0);

    public NodeUsage Add(PodRequests requests) => new(Requested.Plus(requests), Pods + 1);
}
