using Akka.Hosting;
using Scheduler.Agent.Actors;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// The first step of a graceful stop (SIGTERM, <c>scheduler drain</c>): <c>/readyz</c> answers 503 and the replica grants
/// no more slots, so no new job lands here. The jobs it runs are handed off when its shard region shuts down, and the
/// replicas that grant them slots adopt their running steps.
/// </summary>
public sealed class ReplicaDrain(IRequiredActor<ReplicaSlotsActor> slots)
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public void Begin()
    {
        _draining = true;
        slots.ActorRef.Tell(new StopClaiming(), Akka.Actor.ActorRefs.NoSender);
    }
}
