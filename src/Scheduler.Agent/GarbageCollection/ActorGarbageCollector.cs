using Akka.Actor;
using Akka.Hosting;
using Scheduler.Agent.Actors;

namespace Scheduler.Agent.GarbageCollection;

/// <summary><see cref="IGarbageCollector"/> through the singleton's proxy, so any replica answers.</summary>
public sealed class ActorGarbageCollector(IRequiredActor<GarbageCollectorActor> collector) : IGarbageCollector
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    public async Task<GarbageCollectorStatus> StatusAsync(CancellationToken ct) =>
        await (await collector.GetAsync(ct)).Ask<GarbageCollectorStatus>(new GetGarbageCollectorStatus(), StatusTimeout, ct);

    public async Task<GarbageCollectionRun> RunAsync(CancellationToken ct) =>
        await (await collector.GetAsync(ct)).Ask<GarbageCollectionRun>(new RunGarbageCollection(), RunTimeout, ct);
}
