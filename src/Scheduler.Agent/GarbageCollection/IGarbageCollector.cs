using Scheduler.Agent.Actors;

namespace Scheduler.Agent.GarbageCollection;

/// <summary>The garbage collector as the API sees it; registered only when <c>agent.kubeGCEnabled</c> is on.</summary>
public interface IGarbageCollector
{
    Task<GarbageCollectorStatus> StatusAsync(CancellationToken ct);

    /// <summary>Runs a pass now, wherever the singleton lives, and returns what it did.</summary>
    Task<GarbageCollectionRun> RunAsync(CancellationToken ct);
}
