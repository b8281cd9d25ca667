using Scheduler.Domain.Claims;

namespace Scheduler.Domain.Tests.Claims;

public class SlotArbiterTests
{
    [Fact]
    public void Grants_alternate_between_waiting_classes_when_the_replica_limit_binds()
    {
        var (arbiter, grants) = SlotArbiter.WithCapacity(4).Request("a", 10).Request("b", 10).Grant();

        Assert.Equal(["a", "b", "a", "b"], grants);
        Assert.Equal(2, arbiter.HeldBy("a"));
        Assert.Equal(2, arbiter.HeldBy("b"));
        Assert.Equal(0, arbiter.Free);
    }

    [Fact]
    public void A_freed_slot_goes_to_the_next_class_in_turn_not_back_to_the_busy_one()
    {
        var (arbiter, _) = SlotArbiter.WithCapacity(2).Request("a", 10).Grant();
        Assert.Equal(2, arbiter.HeldBy("a"));

        arbiter = arbiter.Request("b", 3).Request("c", 3).Release("a");
        (arbiter, var grants) = arbiter.Grant();
        Assert.Equal(["b"], grants);

        (arbiter, grants) = arbiter.Release("a").Grant();
        Assert.Equal(["c"], grants);

        (arbiter, grants) = arbiter.Release("b").Grant();
        Assert.Equal(["a"], grants);
    }

    [Fact]
    public void Grants_no_more_than_wanted()
    {
        var (arbiter, grants) = SlotArbiter.WithCapacity(10).Request("a", 2).Request("b", 1).Grant();
        Assert.Equal(["a", "b", "a"], grants);
        Assert.Equal(7, arbiter.Free);
        Assert.Empty(arbiter.Waiting);
    }

    [Fact]
    public void A_new_request_replaces_the_old_and_zero_withdraws_it()
    {
        var (_, grants) = SlotArbiter.WithCapacity(5).Request("a", 4).Request("a", 1).Grant();
        Assert.Equal(["a"], grants);

        (_, grants) = SlotArbiter.WithCapacity(5).Request("a", 4).Request("a", 0).Grant();
        Assert.Empty(grants);
    }

    [Fact]
    public void Reconciled_counts_override_what_a_class_holds()
    {
        var (arbiter, _) = SlotArbiter.WithCapacity(3).Request("a", 3).Grant();
        Assert.Equal(0, arbiter.Free);

        arbiter = arbiter.SetHeld("a", 1);
        Assert.Equal(2, arbiter.Free);
        Assert.Equal(0, arbiter.Release("a", 5).Used);
    }
}
