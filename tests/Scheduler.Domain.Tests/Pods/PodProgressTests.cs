using k8s.Models;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

public class PodProgressTests
{
    private static V1Pod Pod(string phase, V1ContainerState? state = null, params V1PodCondition[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = "sched-t-1-1", NamespaceProperty = "ci", Uid = "u1" },
        Spec = new V1PodSpec { NodeName = phase == "Pending" ? null : "node-a", Containers = [new V1Container { Name = "primary" }] },
        Status = new V1PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            ContainerStatuses = state is null ? null : [new V1ContainerStatus { Name = "primary", State = state }],
        },
    };

    private static Corev1Event Event(string reason, string message, string type = "Warning", string name = "sched-t-1-1", string? uid = "u1", int minute = 0) => new()
    {
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = name, Uid = uid, NamespaceProperty = "ci" },
        Reason = reason,
        Message = message,
        Type = type,
        LastTimestamp = new DateTime(2025, 1, 1, 12, minute, 0, DateTimeKind.Utc),
    };

    private static V1ContainerState WaitingFor(string reason, string? message = null) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    [Fact]
    public void A_running_primary_container_is_running()
    {
        var pod = Pod("Running", new V1ContainerState { Running = new V1ContainerStateRunning() });
        Assert.Equal(new PodProgress.Running("node-a"), PodProgress.Classify(pod, []));
    }

    [Theory]
    [InlineData("ContainerCreating")]
    [InlineData("PodInitializing")]
    public void Normal_startup_is_waiting(string reason)
    {
        Assert.Equal(new PodProgress.Waiting(reason), PodProgress.Classify(Pod("Pending", WaitingFor(reason)), []));
    }

    [Fact]
    public void A_pod_without_status_is_waiting()
    {
        Assert.IsType<PodProgress.Waiting>(PodProgress.Classify(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" } }, []));
        Assert.IsType<PodProgress.Waiting>(PodProgress.Classify(Pod("Pending"), []));
    }

    private static V1Pod Unschedulable(string message) => Pod("Pending", null, new V1PodCondition
    {
        Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message,
    });

    [Fact]
    public void A_pod_no_node_can_ever_fit_fails_fast_quoting_the_scheduler()
    {
        const string message = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.";
        var events = new[] { Event("FailedScheduling", message) };

        var result = Assert.IsType<PodProgress.FailFast>(PodProgress.Classify(Unschedulable(message), events));
        Assert.Equal("Unschedulable", result.Reason);
        Assert.Contains("didn't match Pod's node affinity", result.Message);
        Assert.Contains("events: FailedScheduling: 0/3 nodes", result.Message);
    }

    [Fact]
    public void An_unrecognised_scheduler_message_fails_fast()
    {
        Assert.IsType<PodProgress.FailFast>(PodProgress.Classify(Unschedulable("the custom scheduler refused the pod"), []));
    }

    [Fact]
    public void A_pod_waiting_for_room_on_a_node_that_would_fit_is_stalled()
    {
        const string message = "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.";
        var events = new[] { Event("FailedScheduling", message) };

        Assert.Equal(new PodProgress.Stalled(PodStallKind.NoRoom, "Unschedulable", message, $"FailedScheduling: {message}"),
            PodProgress.Classify(Unschedulable(message), events));
    }

    [Theory]
    [InlineData("ErrImagePull")]
    [InlineData("ImagePullBackOff")]
    public void A_failing_image_pull_is_stalled_while_the_kubelet_retries(string reason)
    {
        var pod = Pod("Pending", WaitingFor(reason, "Back-off pulling image \"nope:1\""));
        var events = new[] { Event("Failed", "Failed to pull image \"nope:1\": not found") };

        Assert.Equal(new PodProgress.Stalled(PodStallKind.ImagePull, reason, "Back-off pulling image \"nope:1\"", "Failed: Failed to pull image \"nope:1\": not found"),
            PodProgress.Classify(pod, events));
    }

    [Theory]
    [InlineData("InvalidImageName")]
    [InlineData("CreateContainerConfigError")]
    [InlineData("CreateContainerError")]
    public void Image_name_and_container_creation_errors_fail_fast(string reason)
    {
        var pod = Pod("Pending", WaitingFor(reason, "Back-off pulling image \"nope:1\""));
        var events = new[] { Event("Failed", "Failed to pull image \"nope:1\": not found") };

        var result = Assert.IsType<PodProgress.FailFast>(PodProgress.Classify(pod, events));
        Assert.Equal(reason, result.Reason);
        Assert.Equal("Back-off pulling image \"nope:1\"; events: Failed: Failed to pull image \"nope:1\": not found", result.Message);
    }

    [Fact]
    public void A_pull_that_succeeds_after_failing_runs()
    {
        var pod = Pod("Running", new V1ContainerState { Running = new V1ContainerStateRunning() });
        var events = new[] { Event("Failed", "Failed to pull image \"flaky:1\": 503 Service Unavailable") };

        Assert.Equal(new PodProgress.Running("node-a"), PodProgress.Classify(pod, events));
    }

    [Fact]
    public void A_command_that_cannot_start_fails_fast()
    {
        var pod = Pod("Failed", new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated { ExitCode = 128, Reason = "StartError", Message = "exec: \"/bin/sh\": not found" },
        });
        var result = Assert.IsType<PodProgress.FailFast>(PodProgress.Classify(pod, []));
        Assert.Equal("StartError", result.Reason);
        Assert.Contains("exec: \"/bin/sh\": not found", result.Message);
    }

    [Fact]
    public void A_primary_container_that_exited_while_the_pod_still_runs_fails_fast()
    {
        var pod = Pod("Running", new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated { ExitCode = 127, Reason = "StartError", Message = "exec: \"/bin/sh\": not found" },
        });
        var result = Assert.IsType<PodProgress.FailFast>(PodProgress.Classify(pod, []));
        Assert.Equal("StartError", result.Reason);
        Assert.Equal("the container exited with code 127 before the steps ran: exec: \"/bin/sh\": not found", result.Message);
    }

    [Fact]
    public void A_pod_that_ended_reports_its_status_reason()
    {
        var pod = Pod("Failed", new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "Error" } });
        pod.Status.Reason = "Evicted";
        pod.Status.Message = "The node was low on resource: memory.";
        Assert.Equal(new PodProgress.FailFast("Evicted", "The node was low on resource: memory."), PodProgress.Classify(pod, []));
        Assert.Equal(new PodProgress.FailFast("PodSucceeded", "the pod ended (Succeeded) before the steps ran"), PodProgress.Classify(Pod("Succeeded"), []));
    }

    [Fact]
    public void Only_this_pods_recent_distinct_warnings_are_quoted_in_order()
    {
        var pod = Pod("Pending");
        var events = new[]
        {
            Event("Pulled", "normal event", type: "Normal", minute: 1),
            Event("Failed", "other pod", name: "someone-else", uid: "u2", minute: 2),
            Event("BackOff", "later", minute: 9),
            Event("Failed", "earlier", minute: 3),
            Event("Failed", "earlier", minute: 4),
        };
        Assert.Equal("Failed: earlier; BackOff: later", PodEvents.Quote(pod, events));
    }

    [Fact]
    public void At_most_five_events_are_quoted()
    {
        var events = Enumerable.Range(0, 9).Select(i => Event("Failed", $"attempt {i}", minute: i));
        var quoted = PodEvents.Quote(Pod("Pending"), events);
        Assert.Equal("Failed: attempt 4; Failed: attempt 5; Failed: attempt 6; Failed: attempt 7; Failed: attempt 8", quoted);
    }
}
