namespace Scheduler.Domain.Claims;

/// <summary>
/// The claim rule: a resource class may claim while it is enabled (not disabled by the constraint checker) and
/// the running count is below both its own <c>maxConcurrentTasks</c> and the replica's
/// <c>agent.maxConcurrentTasks</c>.
/// </summary>
public static class ClaimPolicy
{
    public static bool CanClaim(int classRunning, int classLimit, int replicaRunning, int replicaLimit, bool classEnabled) =>
        Available(classRunning, classLimit, replicaRunning, replicaLimit, classEnabled) > 0;

    /// <summary>How many more tasks may be claimed right now (never negative).</summary>
    public static int Available(int classRunning, int classLimit, int replicaRunning, int replicaLimit, bool classEnabled) =>
        classEnabled ? Math.Max(0, Math.Min(classLimit - classRunning, replicaLimit - replicaRunning)) : 0;
}
