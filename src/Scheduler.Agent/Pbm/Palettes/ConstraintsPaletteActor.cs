using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Scheduler.Agent.Actors;
using Scheduler.Domain.Time;

namespace Scheduler.Agent.Pbm.Palettes;

/// <summary>The <c>constraints</c> palette: the constraint checker singleton's record of each class, and a check on demand.</summary>
public sealed class ConstraintsPaletteActor : PaletteActor
{
    public static readonly PaletteSpec Spec = new("constraints", "the constraint checker: can each class's pod run on the nodes",
    [
        new("status", "per class: enabled or disabled, failed checks in a row, last check, and the reasons"),
        new("check", "checks now and shows the result", [OptionSpec.Value("n", "class", "only this class's result")]),
    ]);

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly IRequiredActor<ConstraintCheckerActor> _checker;

    public ConstraintsPaletteActor(IRequiredActor<ConstraintCheckerActor> checker) => _checker = checker;

    protected override async Task<int> RunAsync(ConsoleCommand command, ConsoleReply reply, CancellationToken ct)
    {
        var only = command.Option("n");
        object question = command.Name == "check" ? RunConstraintCheck.Instance : GetConstraintChecks.Instance;
        var checks = await (await _checker.GetAsync(ct)).Ask<ConstraintChecks>(question, AskTimeout, ct);
        if (!checks.Enabled)
        {
            reply.Line("constraint checker: off (agent.constraintChecker.enable = false); every class claims");
            return ConsoleExitCodes.Succeeded;
        }
        if (only is not null && !checks.Classes.ContainsKey(only))
            return reply.Fail($"unknown class \"{only}\"; classes: {string.Join(", ", checks.Classes.Keys.Order(StringComparer.Ordinal))}");

        reply.Line($"constraint checker: on (every {GoDuration.Format(checks.Interval)} and on node changes; disables a class after {checks.Threshold} failed checks)");
        foreach (var (name, state) in checks.Classes.Where(c => only is null || c.Key == only).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var last = state.LastChecked is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "never";
            reply.Line($"{name} | {(state.Enabled ? "enabled" : "disabled")} | failures: {state.ConsecutiveFailures}/{checks.Threshold} | last checked: {last}");
            reply.Lines(state.Reasons.Select(reason => $"    {reason}"));
        }
        return ConsoleExitCodes.Succeeded;
    }

    public static Props Props(IRequiredActor<ConstraintCheckerActor> checker) =>
        Akka.Actor.Props.Create(() => new ConstraintsPaletteActor(checker));
}

public static class ConstraintsPaletteRegistration
{
    public static AkkaConfigurationBuilder AddConstraintsPalette(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
            registry.Register<ConstraintsPaletteActor>(system.ActorOf(
                ConstraintsPaletteActor.Props(resolver.GetService<IRequiredActor<ConstraintCheckerActor>>()), "pbm-constraints")));
}
