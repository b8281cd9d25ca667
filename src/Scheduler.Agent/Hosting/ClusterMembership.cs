using Akka.Actor;

namespace Scheduler.Agent.Hosting;

public static class ClusterMembership
{
    /// <summary>Completes when this node's cluster member is Up, so callers await it instead of sleeping.</summary>
    public static Task WhenMemberUpAsync(this ActorSystem system, CancellationToken cancellationToken = default)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task.WaitAsync(cancellationToken);
    }
}
