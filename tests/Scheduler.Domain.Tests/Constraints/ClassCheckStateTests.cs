using k8s.Models;
using Scheduler.Domain.Config;
using Scheduler.Domain.Constraints;
using Scheduler.Domain.Pods;
using static Scheduler.Domain.Tests.Constraints.Nodes;

namespace Scheduler.Domain.Tests.Constraints;

public class ClassCheckStateTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ConstraintCheckResult Failed = new([], [new NodeRejection("n1", NodeRejection.Constraints.Ready, "not ready")]);
    private static readonly ConstraintCheckResult Passed = new(["n1"], []);

    [Fact]
    public void The_class_stays_enabled_until_the_threshold_is_reached()
    {
        var state = ClassCheckState.Unchecked.After(Failed, 3, Now).After(Failed, 3, Now);

        Assert.True(state.Enabled);
        Assert.Equal(2, state.ConsecutiveFailures);
        Assert.Equal(["node n1: not ready"], state.Reasons);

        state = state.After(Failed, 3, Now.AddMinutes(1));

        Assert.False(state.Enabled);
        Assert.Equal(3, state.ConsecutiveFailures);
        Assert.Equal(Now.AddMinutes(1), state.LastChecked);
    }

    [Fact]
    public void One_passing_check_enables_the_class_and_clears_the_count()
    {
        var state = ClassCheckState.Unchecked.After(Failed, 1, Now);
        Assert.False(state.Enabled);

        state = state.After(Passed, 1, Now);

        Assert.True(state.Enabled);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Empty(state.Reasons);
    }

    [Fact]
    public void A_pass_between_failures_restarts_the_count()
    {
        var state = ClassCheckState.Unchecked.After(Failed, 2, Now).After(Passed, 2, Now).After(Failed, 2, Now);

        Assert.True(state.Enabled);
        Assert.Equal(1, state.ConsecutiveFailures);
    }

    [Fact]
    public void The_probe_pod_is_the_pod_the_agent_would_build_for_the_class()
    {
        var template = new PodTemplate(new V1ObjectMeta(), Spec(nodeSelector: Labels(("disktype", "ssd")), cpu: "2"));
        var resourceClass = new ResourceClassOptions("test/ssd", "token", null, ExecutionMode.Exec, template);

        var pod = ClassProbePod.For(resourceClass, "ci");

        Assert.Equal("ssd", pod.Spec.NodeSelector["disktype"]);
        Assert.Equal(PodBuilder.ContainerName, pod.Spec.Containers[0].Name);
        Assert.False(NodeConstraints.Evaluate(pod, [Node("n1")]).Passed);
        Assert.True(NodeConstraints.Evaluate(pod, [Node("n1", Labels(("disktype", "ssd")))]).Passed);
    }
}
