using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Event;
using Akka.Hosting;
using k8s.Models;
using Scheduler.Domain.Config;
using Scheduler.Domain.Constraints;
using Scheduler.Kube.Connection;
using Scheduler.Kube.Gateway;
using Scheduler.Kube.Watch;

namespace Scheduler.Agent.Actors;

/// <summary>Replies with <see cref="ConstraintChecks"/>.</summary>
public sealed record GetConstraintChecks
{
    public static readonly GetConstraintChecks Instance = new();
}

/// <summary>Check now; replies with <see cref="ConstraintChecks"/> once a check that started after the request is done.</summary>
public sealed record RunConstraintCheck
{
    public static readonly RunConstraintCheck Instance = new();
}

/// <param name="Enabled"><c>agent.constraintChecker.enable</c>; when false, <paramref name="Classes"/> is empty.</param>
/// <param name="Classes">Each configured class's check record, by class name.</param>
public sealed record ConstraintChecks(bool Enabled, int Threshold, TimeSpan Interval, IReadOnlyDictionary<string, ClassCheckState> Classes);

/// <summary>
/// The cluster singleton that checks every resource class's pod (as <see cref="ClassProbePod"/> builds it) against the
/// current nodes, every <c>constraintChecker.interval</c> and whenever a node changes. Each check counts: after
/// <c>threshold</c> consecutive failures it tells the class to stop claiming, and the first check that passes enables it
/// again. It repeats each class's state after every check, so a restarted class entity learns it too.
/// </summary>
public sealed class ConstraintCheckerActor : ReceiveActor, IWithTimers
{
    private sealed record Check;
    private sealed record NodesListed(IReadOnlyList<V1Node> Nodes);
    private sealed record ListingFailed(Exception Error);
    private sealed record WatchFailed(Exception Error);

    private readonly ConstraintCheckerOptions _options;
    private readonly IReadOnlyDictionary<string, V1Pod> _probes;
    private readonly KubeConnection _connection;
    private readonly KubeGateway _gateway;
    private readonly IActorRef _classes;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ImmutableDictionary<string, ClassCheckState> _states;
    private NodeChangeWatch? _watch;
    private bool _checking;
    private bool _checkAgain;
    private List<IActorRef> _awaitingThisCheck = [];
    private List<IActorRef> _awaitingNextCheck = [];

    public ConstraintCheckerActor(
        ConstraintCheckerOptions options,
        IEnumerable<ResourceClassOptions> classes,
        KubeConnection connection,
        KubeGateway gateway,
        IActorRef resourceClasses,
        TimeProvider clock)
    {
        _options = options;
        _probes = classes.ToDictionary(c => c.Name, c => ClassProbePod.For(c, connection.Namespace));
        _connection = connection;
        _gateway = gateway;
        _classes = resourceClasses;
        _clock = clock;
        _states = _probes.Keys.ToImmutableDictionary(name => name, _ => ClassCheckState.Unchecked);

        Receive<GetConstraintChecks>(_ => Sender.Tell(Checks()));
        Receive<RunConstraintCheck>(_ =>
        {
            if (!_options.Enable)
            {
                Sender.Tell(Checks());
                return;
            }
            _awaitingNextCheck.Add(Sender);
            StartCheck();
        });
        Receive<Check>(_ => StartCheck());
        Receive<NodesListed>(m =>
        {
            Evaluate(m.Nodes);
            FinishCheck();
        });
        Receive<ListingFailed>(m =>
        {
            // Not a failure of any class's constraints: the classes keep their state until the nodes can be read.
            _log.Warning("constraint check could not list the nodes: {0}", m.Error.Message);
            FinishCheck();
        });
        Receive<WatchFailed>(m => _log.Warning("node watch failed, listing again: {0}", m.Error.Message));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        if (!_options.Enable)
            return;
        Timers.StartPeriodicTimer("check", new Check(), _options.Interval);
        var self = Self;
        // The watch's first LIST signals a change too, which makes the first check.
        _watch = NodeChangeWatch.Start(
            _connection,
            () => self.Tell(new Check()),
            error => self.Tell(new WatchFailed(error)));
    }

    protected override void PostStop() => _watch?.Dispose();

    private void StartCheck()
    {
        if (_checking)
        {
            _checkAgain = true; // nodes changed during a check: check once more when it ends
            return;
        }
        _checking = true;
        (_awaitingThisCheck, _awaitingNextCheck) = (_awaitingNextCheck, []);
        _gateway.ListNodesAsync(CancellationToken.None).PipeTo(
            Self,
            success: nodes => new NodesListed(nodes),
            failure: e => new ListingFailed(e));
    }

    private ConstraintChecks Checks() => _options.Enable
        ? new ConstraintChecks(true, _options.Threshold, _options.Interval, _states)
        : new ConstraintChecks(false, _options.Threshold, _options.Interval, ImmutableDictionary<string, ClassCheckState>.Empty);

    /// <summary>Also after a failed listing: the requesters then get the classes' states as they stand.</summary>
    private void FinishCheck()
    {
        _checking = false;
        foreach (var requester in _awaitingThisCheck)
            requester.Tell(Checks());
        _awaitingThisCheck = [];
        if (_checkAgain)
        {
            _checkAgain = false;
            StartCheck();
        }
    }

    private void Evaluate(IReadOnlyList<V1Node> nodes)
    {
        var now = _clock.GetUtcNow();
        foreach (var (name, probe) in _probes)
        {
            var before = _states[name];
            var after = before.After(NodeConstraints.Evaluate(probe, nodes), _options.Threshold, now);
            _states = _states.SetItem(name, after);
            if (before.Enabled && !after.Enabled)
                _log.Warning("resource class {0} disabled after {1} failed constraint checks: {2}", name, after.ConsecutiveFailures, string.Join("; ", after.Reasons));
            else if (!before.Enabled && after.Enabled)
                _log.Warning("resource class {0} enabled again: its constraint check passed", name);
            _classes.Tell(new SetClassEnabled(name, after.Enabled));
        }
    }

    public static Props Props(
        ConstraintCheckerOptions options,
        IEnumerable<ResourceClassOptions> classes,
        KubeConnection connection,
        KubeGateway gateway,
        IActorRef resourceClasses,
        TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new ConstraintCheckerActor(options, classes, connection, gateway, resourceClasses, clock));
}

public static class ConstraintCheckerRegistration
{
    /// <summary>Adds the checker as a cluster singleton (and its proxy); register the resource-class shard first.</summary>
    public static AkkaConfigurationBuilder AddConstraintChecker(this AkkaConfigurationBuilder builder, AgentOptions agent) =>
        builder.WithSingleton<ConstraintCheckerActor>(
            "constraint-checker",
            (_, registry, resolver) => ConstraintCheckerActor.Props(
                agent.ConstraintChecker,
                agent.ResourceClasses.Values,
                resolver.GetService<KubeConnection>(),
                resolver.GetService<KubeGateway>(),
                registry.Get<ResourceClassActor>(),
                resolver.GetService<TimeProvider>()),
            new ClusterSingletonOptions(),
            createProxyToo: true);
}
