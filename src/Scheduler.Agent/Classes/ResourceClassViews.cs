using Akka.Actor;
using Akka.Hosting;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Api;
using Scheduler.Domain.Config;
using Scheduler.Domain.Constraints;

namespace Scheduler.Agent.Classes;

/// <summary>Every configured resource class's queue, slots and claim state, with the constraint checker's record of it.</summary>
public sealed class ResourceClassViews(
    AgentOptions agent,
    IRequiredActor<ResourceClassActor> classes,
    IRequiredActor<ConstraintCheckerActor> checker)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public async Task<ResourceClassesView> GetAsync(CancellationToken ct)
    {
        var region = await classes.GetAsync(ct);
        // Classes first: the checker records a check before it tells the classes, so a class seen enabled here is
        // never paired with the failures of the check that came before (the other order could show both).
        var statuses = await Task.WhenAll(agent.ResourceClasses.Keys.Order(StringComparer.Ordinal)
            .Select(name => region.Ask<ClassStatus>(new GetClassStatus(name), AskTimeout, ct)));
        var checks = await (await checker.GetAsync(ct)).Ask<ConstraintChecks>(GetConstraintChecks.Instance, AskTimeout, ct);
        var views = statuses.Select(status =>
        {
            var check = checks.Classes.GetValueOrDefault(status.ResourceClass, ClassCheckState.Unchecked);
            return new ResourceClassView(
                status.ResourceClass,
                status.Queued.Count,
                status.Running.Count,
                agent.ResourceClasses[status.ResourceClass].MaxConcurrentTasks,
                status.Enabled,
                check.ConsecutiveFailures,
                check.Rejections.Select(r => new ConstraintRejectionView(r.Node, r.Constraint, r.Detail)).ToArray(),
                check.Reasons,
                check.LastChecked);
        }).ToArray();
        return new ResourceClassesView(checks.Enabled, checks.Threshold, checks.Interval, views);
    }
}
