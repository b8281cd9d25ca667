using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Event;
using Akka.Hosting;
using Scheduler.Agent.GarbageCollection;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Metrics;
using Scheduler.Domain.Config;
using Scheduler.Domain.GarbageCollection;
using Scheduler.Kube.Gateway;

namespace Scheduler.Agent.Actors;

/// <summary>Run a pass now. Replies with its <see cref="GarbageCollectionRun"/> (a pass already under way is followed by a new one).</summary>
public sealed record RunGarbageCollection;

/// <summary>Replies with <see cref="GarbageCollectorStatus"/>.</summary>
public sealed record GetGarbageCollectorStatus;

public sealed record GarbageCollectionRun(
    string Node, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<GarbageDeletion> Deleted, IReadOnlyList<string> Errors);

/// <summary>The collector as it stands: where it runs, its last pass, the next one, and its latest deletions, newest first.</summary>
public sealed record GarbageCollectorStatus(
    bool Enabled,
    string? Node,
    int Runs,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? NextRunAt,
    IReadOnlyList<string> LastErrors,
    IReadOnlyList<GarbageDeletion> RecentDeletions);

/// <summary>
/// The garbage collector, a cluster singleton: exactly one replica deletes stray pods and secrets, every
/// <c>agent.kubeGCInterval</c> and on demand. Each pass is a <see cref="GarbageSweep"/>; this actor schedules the
/// passes, keeps one at a time, and remembers the last <see cref="RecentLimit"/> deletions.
/// </summary>
public sealed class GarbageCollectorActor : ReceiveActor, IWithTimers
{
    public const int RecentLimit = 100;

    private sealed record Tick;
    private sealed record SweepDone(DateTimeOffset StartedAt, SweepResult Result);

    private readonly GarbageSweep _sweep;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly string _node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LinkedList<GarbageDeletion> _recent = new();
    // A pass outlives nothing: once this instance stops (its replica left, and another took the singleton over),
    // its pass must not delete what the new instance now judges.
    private readonly CancellationTokenSource _stopped = new();
    private List<IActorRef> _awaitingThisPass = [];
    private List<IActorRef> _awaitingNextPass = [];
    private bool _sweeping;
    private int _runs;
    private DateTimeOffset? _lastRunAt;
    private DateTimeOffset? _nextRunAt;
    private IReadOnlyList<string> _lastErrors = [];

    public GarbageCollectorActor(GarbageSweep sweep, TimeSpan interval, TimeProvider clock)
    {
        _sweep = sweep;
        _interval = interval;
        _clock = clock;

        Receive<Tick>(_ => StartSweep());
        Receive<RunGarbageCollection>(_ =>
        {
            if (_sweeping)
                _awaitingNextPass.Add(Sender);
            else
            {
                _awaitingThisPass.Add(Sender);
                StartSweep();
            }
        });
        Receive<SweepDone>(OnSweepDone);
        Receive<GetGarbageCollectorStatus>(_ => Sender.Tell(new GarbageCollectorStatus(
            true, _node, _runs, _lastRunAt, _nextRunAt, _lastErrors, _recent.ToArray())));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => ScheduleNext();

    protected override void PostStop() => _stopped.Cancel();

    private void ScheduleNext()
    {
        _nextRunAt = _clock.GetUtcNow() + _interval;
        Timers.StartSingleTimer("tick", new Tick(), _interval);
    }

    private void StartSweep()
    {
        Timers.Cancel("tick");
        _nextRunAt = null;
        _sweeping = true;
        var startedAt = _clock.GetUtcNow();
        _sweep.RunAsync(_stopped.Token).PipeTo(Self,
            success: result => new SweepDone(startedAt, result),
            failure: e => new SweepDone(startedAt, new SweepResult([], [$"the pass failed: {e.Message}"])));
    }

    private void OnSweepDone(SweepDone done)
    {
        _sweeping = false;
        _runs++;
        _lastRunAt = done.StartedAt;
        _lastErrors = done.Result.Errors;
        foreach (var deletion in done.Result.Deleted)
        {
            var log = deletion.JobId is { } jobId ? _log.WithContext("JobId", jobId) : _log;
            log.Info("garbage collector deleted {Kind:l} {Name:l} (uid {Uid:l}): {Reason:l}", deletion.Kind, deletion.Name, deletion.Uid, deletion.Reason);
            _recent.AddFirst(deletion);
            if (_recent.Count > RecentLimit)
                _recent.RemoveLast();
        }
        foreach (var error in done.Result.Errors)
            _log.Warning("garbage collector: {Error:l}", error);

        var run = new GarbageCollectionRun(_node, done.StartedAt, _clock.GetUtcNow(), done.Result.Deleted, done.Result.Errors);
        foreach (var requester in _awaitingThisPass)
            requester.Tell(run);
        (_awaitingThisPass, _awaitingNextPass) = (_awaitingNextPass, []);
        if (_awaitingThisPass.Count > 0)
            StartSweep();
        else
            ScheduleNext();
    }

    public static Props Props(GarbageSweep sweep, TimeSpan interval, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new GarbageCollectorActor(sweep, interval, clock));
}

public static class GarbageCollectorRegistration
{
    public const string SingletonName = "garbage-collector";

    /// <summary>
    /// The collector as a cluster singleton, with a proxy in the registry under <see cref="GarbageCollectorActor"/>;
    /// nothing when <c>agent.kubeGCEnabled</c> is off.
    /// </summary>
    public static AkkaConfigurationBuilder AddGarbageCollectorWhenEnabled(this AkkaConfigurationBuilder builder, AgentOptions agent, TimeSpan grace) =>
        !agent.KubeGCEnabled ? builder : builder.WithSingleton<GarbageCollectorActor>(
            SingletonName,
            (_, _, resolver) =>
            {
                var clock = resolver.GetService<TimeProvider>();
                var sweep = new GarbageSweep(
                    resolver.GetService<KubeGateway>(),
                    resolver.GetService<IJobViewStore>(),
                    new GarbagePolicy(agent.KubeGCThreshold, grace),
                    clock,
                    resolver.GetService<GarbageCollectionMetrics>());
                return GarbageCollectorActor.Props(sweep, agent.KubeGCInterval, clock);
            },
            new ClusterSingletonOptions(),
            createProxyToo: true);
}
