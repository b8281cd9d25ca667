using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
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
/// <summary>The job holds a class slot and runs on <paramref name="Replica"/>; persisted again when an orphan is placed anew.</summary>
public sealed record ClassJobClaimed(string JobId, DateTimeOffset At, string? Replica = null) : IResourceClassEvent;
public sealed record ClassJobReleased(string JobId, string Reason) : IResourceClassEvent;

/// <summary>The class's state every <c>scheduler.resource-classes.snapshot-every</c> events; the events before it are deleted.</summary>
public sealed record ResourceClassSnapshot(IReadOnlyList<string> Queued, IReadOnlyList<SlotHolder> Running);

/// <summary>
/// One resource class: a durable FIFO of its jobs and the set of jobs holding its slots, each with the replica that
/// runs it. The class's own <c>maxConcurrentTasks</c> is enforced here, once for the whole cluster. Each replica's
/// <see cref="ReplicaSlotsActor"/> grants slots of its own <c>agent.maxConcurrentTasks</c>; the class asks every replica,
/// claims the head of its queue with whichever slot arrives, and starts the job through that replica's job region, so
/// the job's entity, and its pod's work, land on the replica whose slot it holds (see <see cref="JobShardPlacement"/>).
/// A job whose replica left the cluster is an orphan: it keeps its class slot and is placed again, before any queued
/// job, on the next replica that grants a slot, where it adopts its pod. The class regularly reconciles its slots
/// against the pods that really exist, so no error path leaks one.
/// </summary>
public sealed class ResourceClassActor : ReceivePersistentActor, IWithTimers
{
    public const string SnapshotEveryKey = "scheduler.resource-classes.snapshot-every";
    public const string ReplicaGraceKey = "scheduler.resource-classes.replica-grace";

    private sealed record Reconcile;
    private sealed record Reconciled(SlotReconciliationResult Result);
    private sealed record RegisterWithReplicas;
    private sealed record ReplicaGraceOver;

    private readonly string _name;
    private readonly JobRuntime _runtime;
    private readonly Func<string, ICanTell> _jobRegionOf;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly int _snapshotEvery = Math.Max(1, Context.System.Settings.Config.GetInt(SnapshotEveryKey, 100));
    private readonly Dictionary<string, IActorRef> _replicas = new();
    private readonly HashSet<Address> _members = new();
    private readonly HashSet<string> _departed = new();
    private ClassQueue _queue = ClassQueue.Empty;
    private ImmutableDictionary<string, SlotHolder> _running = ImmutableDictionary<string, SlotHolder>.Empty;
    private bool _enabled = true;
    private bool _replicaGraceOver;
    private long _latestSnapshot;
    private long _compactingTo;

    /// <param name="jobRegionOf">The job shard region of a replica; by default its <c>/system/sharding/job</c>.</param>
    public ResourceClassActor(string name, JobRuntime runtime, Func<string, ICanTell>? jobRegionOf = null)
    {
        _name = name;
        _runtime = runtime;
        _jobRegionOf = jobRegionOf ?? (replica =>
            Context.ActorSelection(new RootActorPath(Address.Parse(replica)) / "system" / "sharding" / JobRegistration.RegionName));

        Recover<SnapshotOffer>(offer => Restore((ResourceClassSnapshot)offer.Snapshot));
        Recover<IResourceClassEvent>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
                typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));
            Timers.StartPeriodicTimer("reconcile", new Reconcile(), _runtime.ReconcileInterval);
            Timers.StartPeriodicTimer("register", new RegisterWithReplicas(), RegisterRetry);
            // Alone, no other replica can come back for this class's jobs. In a cluster, replicas that start together
            // (a full restart) get the grace to rejoin, counted from this replica's start: a class entity that moves
            // to a long-running replica (its own replica died) places the jobs of missing replicas at once.
            var grace = _runtime.Options.Replica.SeedNodes.Count == 0
                ? TimeSpan.Zero
                : Context.System.Settings.Config.GetTimeSpan(ReplicaGraceKey, TimeSpan.FromSeconds(15)) - Context.System.Uptime;
            Timers.StartSingleTimer("replica-grace", new ReplicaGraceOver(), grace > TimeSpan.Zero ? grace : TimeSpan.Zero);
        });

        Command<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members)
            {
                if (member.Status == MemberStatus.Up)
                    MemberUp(member.Address);
                else if (member.Status == MemberStatus.Down)
                    _departed.Add(member.Address.ToString()); // a leaving member hands its jobs off first: wait for its removal
            }
        });
        Command<ClusterEvent.MemberUp>(m => MemberUp(m.Member.Address));
        Command<ClusterEvent.MemberRemoved>(m =>
        {
            _members.Remove(m.Member.Address);
            ReplicaLeft(m.Member.Address.ToString());
        });
        Command<RegisterWithReplicas>(_ =>
        {
            foreach (var address in _members.Where(a => !_replicas.ContainsKey(a.ToString())))
                ReplicaSlotsActor.At(Context, address).Tell(new RegisterClass(_name));
        });
        Command<ReplicaSlotsReady>(OnReplicaReady);
        Command<Terminated>(t =>
        {
            foreach (var replica in _replicas.Where(r => r.Value.Equals(t.ActorRef)).Select(r => r.Key).ToArray())
                ReplicaLeft(replica);
        });
        Command<ReplicaGraceOver>(_ =>
        {
            _replicaGraceOver = true;
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
        Command<SlotGranted>(OnSlotGranted);
        Command<StopEntity>(_ => Context.Stop(Self));
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
        Command<Reconcile>(_ =>
        {
            WakeRunningJobs();
            StartReconciliation();
            RequeueLostSubmissions();
        });
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

    private static readonly TimeSpan RegisterRetry = TimeSpan.FromSeconds(2);

    private void OnReplicaReady(ReplicaSlotsReady m)
    {
        if (_replicas.TryGetValue(m.Replica, out var known) && known.Equals(Sender))
            return;
        _replicas[m.Replica] = Sender;
        _departed.Remove(m.Replica);
        Context.Watch(Sender);
        Sender.Tell(new SlotsHeld(_name, ReplicaPlacement.HeldOn(_running.Values, m.Replica)));
        // A claim persisted here may not have reached its job before a crash, or the job's replica restarted: wake them.
        foreach (var id in ReplicaPlacement.JobsOn(_running.Values, m.Replica))
            JobRegion(m.Replica).Tell(new StartJob(id.Value), Self);
        RequestSlots();
    }

    private void MemberUp(Address address)
    {
        _members.Add(address);
        ReplicaSlotsActor.At(Context, address).Tell(new RegisterClass(_name));
    }

    /// <summary>Starts any claimed job whose entity stopped (its shard moved, or it failed) on the replica that holds its slot.</summary>
    private void WakeRunningJobs()
    {
        foreach (var holder in _running.Values)
            if (holder.Replica is { } replica && _replicas.ContainsKey(replica))
                JobRegion(replica).Tell(new StartJob(holder.JobId.Value), Self);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        base.PostStop();
    }

    private void ReplicaLeft(string replica)
    {
        _departed.Add(replica);
        if (_replicas.Remove(replica, out var slots))
            Context.Unwatch(slots);
        RequestSlots();
    }

    /// <summary>Claimed jobs to place again: their replica left, or (after the grace) never came back.</summary>
    private IReadOnlyList<JobId> Orphans()
    {
        var live = _replicaGraceOver
            ? _replicas.Keys.ToHashSet()
            : _running.Values.Select(h => h.Replica).OfType<string>().Where(r => !_departed.Contains(r)).Concat(_replicas.Keys).ToHashSet();
        return ReplicaPlacement.Orphans(_running.Values, live);
    }

    private void RequestSlots()
    {
        var orphans = Orphans().Count;
        var wanted = _enabled ? ReplicaPlacement.Wanted(orphans, _queue.Count, _running.Count, ClassLimit) : orphans;
        foreach (var slots in _replicas.Values)
            slots.Tell(new RequestSlots(_name, wanted));
    }

    private void OnSlotGranted(SlotGranted grant)
    {
        var grantor = Sender;
        _replicas.TryAdd(grant.Replica, grantor);
        if (Orphans().FirstOrDefault() is { } orphan)
        {
            PlaceOn(orphan.Value, grant.Replica);
            return;
        }

        if (!_enabled || _queue.Peek() is not { } next || _running.Count >= ClassLimit)
        {
            grantor.Tell(new ReleaseSlots(_name));
            return;
        }

        PlaceOn(next.Value, grant.Replica);
    }

    /// <summary>Claims a queued job, or re-places an orphan, on <paramref name="replica"/>, and starts it there.</summary>
    private void PlaceOn(string jobId, string replica) =>
        Persist(new ClassJobClaimed(jobId, _runtime.Clock.GetUtcNow(), replica), e =>
        {
            Record(e);
            JobRegion(replica).Tell(new StartJob(e.JobId), Self);
            RequestSlots();
        });

    /// <summary>The job shard region of <paramref name="replica"/>: a job's shard is allocated to the region that first asks for it.</summary>
    private ICanTell JobRegion(string replica) => _jobRegionOf(replica);

    private void Release(string jobId, string reason)
    {
        if (!_running.TryGetValue(jobId, out var holder))
            return;
        Persist(new ClassJobReleased(jobId, reason), e =>
        {
            Record(e);
            if (holder.Replica is { } replica && _replicas.TryGetValue(replica, out var slots))
                slots.Tell(new ReleaseSlots(_name));
            RequestSlots();
        });
    }

    /// <summary>
    /// A submission's <see cref="EnqueueJob"/> is told once, and sharding drops the messages a class shard buffered when
    /// the shard is handed off or fails to start: queue every job whose view still says queued but this class lacks.
    /// </summary>
    private void RequeueLostSubmissions()
    {
        var self = Self;
        var name = _name;
        _runtime.Views.ListAsync(new JobQuery(JobStates.Queued, name, Limit: 1000)).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
                foreach (var view in t.Result.OrderBy(v => v.SubmittedAt))
                    self.Tell(new EnqueueJob(name, view.Id));
        }, TaskScheduler.Default);
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
                _running = _running.SetItem(c.JobId, new SlotHolder(new JobId(c.JobId), c.At, c.Replica));
                break;
            case ClassJobReleased r:
                _running = _running.Remove(r.JobId);
                break;
        }
    }

    public static Props Props(string name, JobRuntime runtime, Func<string, ICanTell>? jobRegionOf = null) =>
        Akka.Actor.Props.Create(() => new ResourceClassActor(name, runtime, jobRegionOf));
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
                name, resolver.GetService<JobRuntime>() with { ResourceClasses = registry.Get<ResourceClassActor>() }),
            new ResourceClassMessageExtractor(shards),
            options);
}
