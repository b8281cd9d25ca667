using System.Globalization;
using Akka.Actor;
using Akka.Hosting;

namespace Scheduler.Agent.Pbm.Palettes;

/// <summary>The <c>actor</c> palette: this replica's actor tree.</summary>
public sealed class ActorPaletteActor : PaletteActor
{
    public const int DefaultDepth = 4;

    public static readonly PaletteSpec Spec = new("actor", "this replica's actors",
    [
        new("hierarchy", "the actor tree under /user and /system, indented by depth",
            [OptionSpec.Value("d", "depth", $"how many levels below / to show (default {DefaultDepth})")]),
    ]);

    protected override Task<int> RunAsync(ConsoleCommand command, ConsoleReply reply, CancellationToken ct)
    {
        var depth = DefaultDepth;
        if (command.Option("d") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out depth) || depth < 1))
            return Task.FromResult(reply.Fail($"actor hierarchy: -d must be a whole number from 1, got \"{text}\""));

        var root = ((ExtendedActorSystem)Context.System).Provider.RootGuardian;
        var count = 0;
        foreach (var line in Walk(root, 0, depth))
        {
            reply.Line(line);
            count++;
        }
        reply.Line($"Count: {count} actors");
        return Task.FromResult(ConsoleExitCodes.Succeeded);
    }

    private static IEnumerable<string> Walk(IActorRef actor, int level, int depth)
    {
        if (level >= depth || actor is not ActorRefWithCell parent)
            yield break;
        foreach (var child in parent.Children.OrderBy(c => c.Path.Name, StringComparer.Ordinal))
        {
            yield return new string(' ', level * 2) + child.Path.ToStringWithoutAddress();
            foreach (var line in Walk(child, level + 1, depth))
                yield return line;
        }
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ActorPaletteActor());
}

public static class ActorPaletteRegistration
{
    public static AkkaConfigurationBuilder AddActorPalette(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
            registry.Register<ActorPaletteActor>(system.ActorOf(ActorPaletteActor.Props(), "pbm-actor")));
}
