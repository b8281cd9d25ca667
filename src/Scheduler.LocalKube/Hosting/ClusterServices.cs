using Scheduler.LocalKube.Faults;
using Scheduler.LocalKube.Kubelet;
using Scheduler.LocalKube.Lifecycle;
using Scheduler.LocalKube.Scheduling;
using Scheduler.LocalKube.Store;

namespace Scheduler.LocalKube.Hosting;

/// <summary>The parts of one running LocalKube that request handlers need.</summary>
internal sealed record ClusterServices(
    ObjectStore Store,
    EventRecorder Events,
    IKubelet Kubelet,
    FaultInjector Faults,
    PodTerminator Terminator,
    PodScheduler Scheduler,
    TimeSpan BookmarkInterval);
