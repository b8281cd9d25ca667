using Akka.Actor;
using Akka.Cluster;
using Scheduler.Agent.Api;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// <c>/readyz</c>: the replica takes work once its cluster member is Up (before that, asks to the shard
/// regions would only wait), and until it starts draining. The pod watch is primed before the HTTP API starts, so it
/// needs no check here.
/// </summary>
public sealed class ClusterReadiness(ActorSystem system, ReplicaDrain drain) : IAgentReadiness
{
    public bool IsReady => Reason is null;

    public string? Reason => drain.IsDraining
        ? "the replica is draining"
        : Cluster.Get(system).SelfMember.Status switch
        {
            MemberStatus.Up => null,
            var status => $"cluster member is {status}, not Up",
        };
}
