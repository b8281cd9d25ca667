using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

public class SchedulingFailureTests
{
    [Fact]
    public void Parses_the_node_count_and_each_reason_with_its_count()
    {
        var failure = SchedulingFailure.Parse(
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. " +
            "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.");

        Assert.NotNull(failure);
        Assert.Equal(3, failure.NodeCount);
        Assert.Equal([new NodeExclusion(1, "Insufficient cpu"), new NodeExclusion(2, "node(s) didn't match Pod's node affinity/selector")], failure.Exclusions);
    }

    [Fact]
    public void A_taint_reason_keeps_its_dots_and_braces()
    {
        var failure = SchedulingFailure.Parse("0/2 nodes are available: 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.");

        Assert.Equal([new NodeExclusion(2, "node(s) had untolerated taint {node.kubernetes.io/not-ready: }")], failure!.Exclusions);
    }

    [Theory]
    [InlineData("0/1 nodes are available: 1 Too many pods.")]
    [InlineData("0/1 nodes are available: 1 Insufficient memory.")]
    [InlineData("0/4 nodes are available: 1 Insufficient nvidia.com/gpu, 3 node(s) had untolerated taint {gpu: true}.")]
    [InlineData("0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) were unschedulable.")]
    [InlineData("0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.")]
    [InlineData("no nodes available to schedule pods")]
    public void Room_may_appear_when_some_node_is_only_full(string message)
    {
        Assert.True(SchedulingFailure.Parse(message)!.RoomMayAppear);
    }

    [Theory]
    [InlineData("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.")]
    [InlineData("0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector.")]
    [InlineData("0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were not ready.")]
    [InlineData("0/1 nodes are available: 1 node(s) had volume node affinity conflict.")]
    public void No_room_can_appear_when_every_node_is_excluded_by_the_pods_constraints(string message)
    {
        Assert.False(SchedulingFailure.Parse(message)!.RoomMayAppear);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no node can run the pod")]
    [InlineData("0/3 nodes are available.")]
    public void Other_messages_are_not_parsed(string? message)
    {
        Assert.Null(SchedulingFailure.Parse(message));
    }
}
