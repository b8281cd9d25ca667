using Akka.Cluster;
using Akka.TestKit.Xunit2;
using Scheduler.Agent.Actors;

namespace Scheduler.Agent.Tests.Actors;

public sealed class ReplicaSlotsActorTests() : TestKit("akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 0")
{
    private string Replica => Cluster.Get(Sys).SelfAddress.ToString();

    [Fact]
    public void A_class_that_registers_learns_the_replica_it_is_talking_to()
    {
        var slots = Sys.ActorOf(ReplicaSlotsActor.Props(capacity: 1));

        slots.Tell(new RegisterClass("a"), TestActor);

        ExpectMsg<ReplicaSlotsReady>(r => Assert.Equal(("a", Replica), (r.ResourceClass, r.Replica)));
    }

    [Fact]
    public void Never_grants_more_than_the_replica_capacity_and_grants_again_on_release()
    {
        var slots = Sys.ActorOf(ReplicaSlotsActor.Props(capacity: 2));
        var busy = CreateTestProbe();

        slots.Tell(new RequestSlots("a", 5), busy);

        busy.ExpectMsg<SlotGranted>(g => Assert.Equal(("a", Replica), (g.ResourceClass, g.Replica)));
        busy.ExpectMsg<SlotGranted>();
        busy.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        slots.Tell(new ReleaseSlots("a"), busy);
        busy.ExpectMsg<SlotGranted>();
    }

    [Fact]
    public void Classes_share_a_full_replica_round_robin()
    {
        var slots = Sys.ActorOf(ReplicaSlotsActor.Props(capacity: 1));
        var a = CreateTestProbe();
        var b = CreateTestProbe();

        slots.Tell(new RequestSlots("a", 10), a);
        a.ExpectMsg<SlotGranted>();
        slots.Tell(new RequestSlots("b", 10), b);
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // When class a's job ends, the free slot goes to b, which has been waiting, not back to a.
        slots.Tell(new ReleaseSlots("a"), a);
        b.ExpectMsg<SlotGranted>(g => Assert.Equal("b", g.ResourceClass));
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        slots.Tell(new ReleaseSlots("b"), b);
        a.ExpectMsg<SlotGranted>();
    }

    [Fact]
    public void A_registering_class_reports_what_it_holds_and_the_capacity_accounts_for_it()
    {
        var slots = Sys.ActorOf(ReplicaSlotsActor.Props(capacity: 3));
        var a = CreateTestProbe();

        slots.Tell(new SlotsHeld("a", 2), a);
        slots.Tell(new RequestSlots("a", 5), a);

        a.ExpectMsg<SlotGranted>();
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_draining_replica_grants_nothing_more_and_its_jobs_keep_their_slots()
    {
        var slots = Sys.ActorOf(ReplicaSlotsActor.Props(capacity: 3));
        var a = CreateTestProbe();
        slots.Tell(new RequestSlots("a", 1), a);
        a.ExpectMsg<SlotGranted>();

        slots.Tell(new StopClaiming(), a);
        slots.Tell(new ReleaseSlots("a"), a);
        slots.Tell(new RequestSlots("a", 3), a);

        a.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
