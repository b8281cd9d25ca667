using Akka.Actor;
using Akka.Hosting;
using Scheduler.Agent.Pbm.Palettes;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Pbm;

/// <summary>Every palette the console serves, and the actor in the registry that serves it.</summary>
public static class ConsolePalettes
{
    private static readonly (PaletteSpec Spec, Func<IReadOnlyActorRegistry, IActorRef> Actor)[] All =
    [
        (ClusterPaletteActor.Spec, r => r.Get<ClusterPaletteActor>()),
        (ClusterShardingPaletteActor.Spec, r => r.Get<ClusterShardingPaletteActor>()),
        (ActorPaletteActor.Spec, r => r.Get<ActorPaletteActor>()),
        (LogPaletteActor.Spec, r => r.Get<LogPaletteActor>()),
        (SchedulerPaletteActor.Spec, r => r.Get<SchedulerPaletteActor>()),
        (GcPaletteActor.Spec, r => r.Get<GcPaletteActor>()),
        (ConstraintsPaletteActor.Spec, r => r.Get<ConstraintsPaletteActor>()),
    ];

    public static readonly IReadOnlyList<PaletteSpec> Specs = All.Select(p => p.Spec).ToArray();

    public static IActorRef ActorFor(PaletteSpec palette, IReadOnlyActorRegistry registry) =>
        All.Single(p => p.Spec == palette).Actor(registry);

    /// <summary>Adds every palette's actor; call after the actors and singletons they ask are added.</summary>
    public static AkkaConfigurationBuilder AddConsolePalettes(this AkkaConfigurationBuilder builder, AgentOptions agent) => builder
        .AddClusterPalette()
        .AddClusterShardingPalette()
        .AddActorPalette()
        .AddLogPalette()
        .AddSchedulerPalette(agent)
        .AddGcPalette(agent)
        .AddConstraintsPalette();
}
