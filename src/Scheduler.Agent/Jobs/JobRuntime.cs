using Akka.Actor;
using Scheduler.Agent.Logs;
using Scheduler.Agent.Metrics;
using Scheduler.Domain.Config;
using Scheduler.Kube.Connection;
using Scheduler.Kube.Gateway;
using Scheduler.Kube.Watch;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// Everything a job actor needs besides its own state: the replica's one Kubernetes connection, gateway and
/// shared pod watch, the durable stores, the options and the clock, and the resource-class shard region.
/// </summary>
public sealed record JobRuntime(
    SchedulerOptions Options,
    KubeConnection Connection,
    KubeGateway Gateway,
    SharedPodWatch Pods,
    IJobLogStore Logs,
    IJobViewStore Views,
    TimeProvider Clock)
{
    /// <summary>This replica's job counters and latency histograms.</summary>
    public required JobMetrics Metrics { get; init; }

    /// <summary>The resource-class shard region; set when the job region's entities are created.</summary>
    public IActorRef ResourceClasses { get; init; } = ActorRefs.Nobody;

    /// <summary>How long cleanup waits for a deleted pod to disappear from the watch before it gives up on it.</summary>
    public TimeSpan PodGoneTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often resource classes reconcile their slots against real pods and job states.</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a claimed job's pod may be missing from the watch before its slot counts as leaked.</summary>
    public TimeSpan ReconcileGrace { get; init; } = TimeSpan.FromSeconds(30);
}
