using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Claims;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Actors;

/// <summary>Addressed to one resource class's entity through the class shard region.</summary>
public interface IClassCommand
{
    string ResourceClass { get; }
}

/// <summary>Queue the job (idempotent).</summary>
public sealed record EnqueueJob(string ResourceClass, string JobId) : IClassCommand;

/// <summary>The job was cancelled while queued.</summary>
public sealed record RemoveQueuedJob(string ResourceClass, string JobId) : IClassCommand;

/// <summary>The job ended and its pod is gone: its slot is free.</summary>
public sealed record JobEnded(string ResourceClass, string JobId) : IClassCommand;

/// <summary>Replies with <see cref="ClassStatus"/>.</summary>
public sealed record GetClassStatus(string ResourceClass) : IClassCommand;

public sealed record ClassStatus(string ResourceClass, IReadOnlyList<string> Queued, IReadOnlyList<string> Running, bool Enabled);

/// <summary>
/// From the constraint checker: whether the class may claim. A disabled class keeps its queue and its running jobs
/// and only stops claiming. Not persisted: the checker repeats it after every check.
/// </summary>
public sealed record SetClassEnabled(string ResourceClass, bool Enabled) : IClassCommand;

/// <summary>A persisted fact of a resource class's queue and slots.</summary>
public interface IResourceClassEvent
{
    string JobId { get; }
}

public sealed record ClassJobQueued(string JobId) : IResourceClassEvent;
public sealed record ClassJobDequeued(string JobId) : IResourceClassEvent;
public sealed record ClassJobClaimed(string JobId, DateTimeOffset At) : IResourceClassEvent;
public sealed record ClassJobReleased(string JobId, string Reason) : IResourceClassEvent;

/// <summary>The class's state every <c>scheduler.resource-classes.snapshot-every</c> events; the events before it are deleted.</summary>
public sealed record ResourceClassSnapshot(IReadOnlyList<string> Queued, IReadOnlyList<SlotHolder> Running);

/// <summary>
/// One resource class: a durable FIFO of its jobs and the set of jobs holding its slots. It claims the head
/// of the queue while the class's own limit and a replica slot (from <see cref="ReplicaSlotsActor"/>) allow,
/// and it regularly reconciles its slots against the pods that really exist, so no error path leaks one.
/// </summary>
public sealed class ResourceClassActor : ReceivePersistentActor, IWithTimers
{
    public const string SnapshotEveryKey = "scheduler.resource-classes.snapshot-every";

    private sealed record Reconcile;
    private sealed record Reconciled(SlotReconciliationResult Result);

    private readonly string _name;
    private readonly JobRuntime _runtime;
    private readonly IActorRef _jobs;
    private readonly IActorRef _slots;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly int _snapshotEvery = Math.Max(1, Context.System.Settings.Config.GetInt(SnapshotEveryKey, 100));
    private ClassQueue _queue = ClassQueue.Empty;
    private ImmutableDictionary<string, SlotHolder> _running = ImmutableDictionary<string, SlotHolder>.Empty;
    private bool _enabled = true;
    private long _latestSnapshot;
    private long _compactingTo;

    public ResourceClassActor(string name, JobRuntime runtime, IActorRef jobs, IActorRef slots)
    {
        _name = name;
        _runtime = runtime;
        _jobs = jobs;
        _slots = slots;

        Recover<SnapshotOffer>(offer => Restore((ResourceClassSnapshot)offer.Snapshot));
        Recover<IResourceClassEvent>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            _slots.Tell(new SlotsHeld(_name, _running.Count));
            foreach (var id in _running.Keys)
                _jobs.Tell(new StartJob(id)); // a claim persisted here may not have reached the job before a crash
            Timers.StartPeriodicTimer("reconcile", new Reconcile(), _runtime.ReconcileInterval);
            RequestSlots();
        });

        Command<EnqueueJob>(m =>
        {
            if (_queue.Contains(new JobId(m.JobId)) || _running.ContainsKey(m.JobId))
                return;
            Persist(new ClassJobQueued(m.JobId), e => { Record(e); RequestSlots(); });
        });
        Command<RemoveQueuedJob>(m =>
        {
            if (_queue.Contains(new JobId(m.JobId)))
                Persist(new ClassJobDequeued(m.JobId), e => { Record(e); RequestSlots(); });
        });
        Command<JobEnded>(m => Release(m.JobId, "the job ended"));
        Command<JobStartRefused>(m => Release(m.JobId, "the job refused to start"));
        Command<SlotGranted>(_ => OnSlotGranted());
        Command<GetClassStatus>(_ => Sender.Tell(new ClassStatus(
            _name, _queue.Items.Select(i => i.Value).ToArray(), _running.Keys.Order(StringComparer.Ordinal).ToArray(), _enabled)));
        Command<SetClassEnabled>(m =>
        {
            if (m.Enabled == _enabled)
                return;
            _enabled = m.Enabled;
            _log.Info("resource class {0} {1} claiming", _name, _enabled ? "resumes" : "stops");
            RequestSlots();
        });
        Command<SaveSnapshotSuccess>(saved =>
        {
            _latestSnapshot = saved.Metadata.SequenceNr;
            CompactWhenIdle();
        });
        Command<SaveSnapshotFailure>(f => _log.Warning("resource class {0}: snapshot failed: {1}", _name, f.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => DeleteSnapshots(new SnapshotSelectionCriteria(_compactingTo - 1)));
        Command<DeleteMessagesFailure>(f =>
        {
            _log.Warning("resource class {0}: deleting snapshotted events failed: {1}", _name, f.Cause.Message);
            CompactionDone();
        });
        Command<DeleteSnapshotsSuccess>(_ => CompactionDone());
        Command<DeleteSnapshotsFailure>(f =>
        {
            _log.Warning("resource class {0}: deleting older snapshots failed: {1}", _name, f.Cause.Message);
            CompactionDone();
        });
        Command<Reconcile>(_ => StartReconciliation());
        Command<Reconciled>(m =>
        {
            foreach (var leaked in m.Result.Release)
                Release(leaked.JobId.Value, leaked.Reason);
        });
    }

    public override string PersistenceId => "resource-class-" + _name;

    public ITimerScheduler Timers { get; set; } = null!;

    private int ClassLimit =>
        _runtime.Options.Agent.ResourceClasses.TryGetValue(_name, out var options) ? options.MaxConcurrentTasks ?? int.MaxValue : 0;

    private void RequestSlots() =>
        _slots.Tell(new RequestSlots(_name, _enabled ? Math.Max(0, Math.Min(_queue.Count, ClassLimit - _running.Count)) : 0));

    private void OnSlotGranted()
    {
        if (!_enabled || _queue.Peek() is not { } next || _running.Count >= ClassLimit)
        {
            _slots.Tell(new ReleaseSlots(_name));
            return;
        }

        Persist(new ClassJobClaimed(next.Value, _runtime.Clock.GetUtcNow()), e =>
        {
            Record(e);
            _jobs.Tell(new StartJob(e.JobId));
            RequestSlots();
        });
    }

    private void Release(string jobId, string reason)
    {
        if (!_running.ContainsKey(jobId))
            return;
        Persist(new ClassJobReleased(jobId, reason), e =>
        {
            Record(e);
            _slots.Tell(new ReleaseSlots(_name));
            RequestSlots();
        });
    }

    private void StartReconciliation()
    {
        var held = _running.Values.ToArray();
        if (held.Length == 0)
            return;
        var label = LabelValue.Sanitize(_name);
        var withPods = _runtime.Pods.Snapshot()
            .Where(p => Label(p, SchedulerLabels.ResourceClass) == label)
            .Select(p => Label(p, SchedulerLabels.JobId))
            .Where(JobId.IsValid)
            .Select(id => new JobId(id!))
            .ToHashSet();
        var now = _runtime.Clock.GetUtcNow();
        ReconcileAsync(held, withPods, now).PipeTo(Self, failure: e =>
        {
            _log.Warning("reconciling {0} failed: {1}", _name, e.Message);
            return new Reconciled(new SlotReconciliationResult([], []));
        });
    }

    private static string? Label(k8s.Models.V1Pod pod, string key) =>
        pod.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private async Task<Reconciled> ReconcileAsync(SlotHolder[] held, HashSet<JobId> withPods, DateTimeOffset now)
    {
        var phases = new Dictionary<JobId, JobPhase?>();
        foreach (var holder in held)
            phases[holder.JobId] = (await _runtime.Views.GetAsync(holder.JobId.Value)) is { } view ? JobViews.PhaseOf(view.State) : null;
        return new Reconciled(SlotReconciliation.Reconcile(held, withPods, id => phases[id], now, _runtime.ReconcileGrace));
    }

    /// <summary>Applies a just-persisted event, and snapshots the state when the event count is due.</summary>
    private void Record(IResourceClassEvent e)
    {
        Apply(e);
        if (LastSequenceNr % _snapshotEvery == 0)
            SaveSnapshot(new ResourceClassSnapshot(_queue.Items.Select(i => i.Value).ToArray(), _running.Values.ToArray()));
    }

    /// <summary>
    /// Deletes the events and older snapshots the latest snapshot covers, one compaction at a time: on PostgreSQL two
    /// overlapping deletes of one persistence id can deadlock.
    /// </summary>
    private void CompactWhenIdle()
    {
        if (_compactingTo != 0 || _latestSnapshot == 0)
            return;
        _compactingTo = _latestSnapshot;
        DeleteMessages(_compactingTo);
    }

    private void CompactionDone()
    {
        var done = _compactingTo;
        _compactingTo = 0;
        if (_latestSnapshot > done)
            CompactWhenIdle();
    }

    private void Restore(ResourceClassSnapshot snapshot)
    {
        _queue = snapshot.Queued.Aggregate(ClassQueue.Empty, (queue, id) => queue.Enqueue(new JobId(id)));
        _running = snapshot.Running.ToImmutableDictionary(h => h.JobId.Value);
    }

    private void Apply(IResourceClassEvent e)
    {
        switch (e)
        {
            case ClassJobQueued q:
                _queue = _queue.Enqueue(new JobId(q.JobId));
                break;
            case ClassJobDequeued d:
                _queue = _queue.Remove(new JobId(d.JobId));
                break;
            case ClassJobClaimed c:
                _queue = _queue.Remove(new JobId(c.JobId));
                _running = _running.SetItem(c.JobId, new SlotHolder(new JobId(c.JobId), c.At));
                break;
            case ClassJobReleased r:
                _running = _running.Remove(r.JobId);
                break;
        }
    }

    public static Props Props(string name, JobRuntime runtime, IActorRef jobs, IActorRef slots) =>
        Akka.Actor.Props.Create(() => new ResourceClassActor(name, runtime, jobs, slots));
}

/// <summary>Routes <see cref="IClassCommand"/>s by resource class name.</summary>
public sealed class ResourceClassMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => (message as IClassCommand)?.ResourceClass;
}

public static class ResourceClassRegistration
{
    public static AkkaConfigurationBuilder AddResourceClassShard(this AkkaConfigurationBuilder builder, int shards, ShardOptions options) =>
        builder.WithShardRegion<ResourceClassActor>(
            "resource-class",
            (_, registry, resolver) => name => ResourceClassActor.Props(
                name,
                resolver.GetService<JobRuntime>() with { ResourceClasses = registry.Get<ResourceClassActor>() },
                registry.Get<JobActor>(),
                registry.Get<ReplicaSlotsActor>()),
            new ResourceClassMessageExtractor(shards),
            options);
}
