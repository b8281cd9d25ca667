using k8s.Models;
using Scheduler.LocalKube.Scheduling;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

public class QuantityAndMessageTests
{
    [Theory]
    [InlineData("500m", "128Mi", 0.5, 134217728)]
    [InlineData("2", "1G", 2, 1000000000)]
    [InlineData("0.25", "1Gi", 0.25, 1073741824)]
    public void Pod_requests_sum_containers(string cpu, string memory, double expectedCpu, long expectedMemory)
    {
        var pod = Objects.Pod("p");
        pod.Spec.Containers.Add(new V1Container { Name = "side", Image = "x" });
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) },
        };
        var requests = PodRequests.Of(pod);
        Assert.Equal((decimal)expectedCpu, requests.Cpu);
        Assert.Equal(expectedMemory, requests.Memory);
    }

    [Fact]
    public void Limits_count_when_requests_are_absent()
    {
        var pod = Objects.Pod("p");
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("750m") } };
        Assert.Equal(0.75m, PodRequests.Of(pod).Cpu);
    }

    [Fact]
    public void Unschedulable_message_counts_and_sorts_reasons_like_the_scheduler()
    {
        var message = UnschedulableMessage.Build(2, [[NodeFit.AffinityMismatch], ["node(s) had untolerated taint {k: v}"]]);
        Assert.Equal("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {k: v}.", message);
    }

    [Fact]
    public void Unschedulable_message_for_no_nodes() =>
        Assert.Equal("no nodes available to schedule pods", UnschedulableMessage.Build(0, []));
}
