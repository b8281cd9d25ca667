using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Hosting;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Actors;

/// <summary>Addressed to one job's entity through the job shard region.</summary>
public interface IJobCommand
{
    string JobId { get; }
}

/// <summary>From the resource class: the job has a slot and may start. Replies <see cref="JobStartRefused"/> if it cannot.</summary>
public sealed record StartJob(string JobId) : IJobCommand;

/// <summary>Stop the job. Replies with its <see cref="JobView"/>, or <see cref="JobNotFound"/>.</summary>
public sealed record CancelJob(string JobId) : IJobCommand;

/// <summary>Replies with the job's <see cref="JobView"/>, or <see cref="JobNotFound"/>.</summary>
public sealed record GetJob(string JobId) : IJobCommand;

public sealed record JobNotFound(string JobId);

/// <summary>To the resource class: the job was not queued any more (cancelled), so its slot is free again.</summary>
public sealed record JobStartRefused(string JobId);

/// <summary>
/// One job's life, event-sourced: every transition is persisted before it is acted on, and
/// <see cref="JobPlanner"/> decides the next action from the persisted state alone, so a restarted actor
/// resumes where the last one stopped. The I/O of each action runs in <see cref="JobActionRunner"/>; its
/// outcome comes back as a message and is persisted here. An actor that recovers a claimed job first persists
/// <see cref="JobAdopted"/> with the next owner epoch, and only then acts. Two incarnations never both act: a stale
/// one's next persist fails on the journal's sequence numbers, and it stops (Akka stops an actor whose persist
/// fails); before that, the pod's owner epoch (<see cref="PodOwnership"/>) stops it.
/// </summary>
public sealed class JobActor : ReceivePersistentActor, IWithTimers
{
    private sealed record ActionDone(int Generation, IJobEvent? Event, Exception? Error);
    private sealed record DeadlineReached;
    private sealed record RetryAction;

    /// <summary>How many times in a row an action is redone after transient API failures (waits of 2 s, 4 s, … 20 s).</summary>
    private const int MaxTransientRetries = 10;

    private readonly string _jobId;
    private readonly JobRuntime _runtime;
    private readonly JobActionRunner _runner;
    private readonly ILoggingAdapter _log;
    private JobState? _state;
    private CancellationTokenSource? _inFlight;
    private int _generation;
    private bool _timedOut;
    private int _failedCleanups;
    private int _transientFailures;

    public JobActor(string jobId, JobRuntime runtime)
    {
        _jobId = jobId;
        _runtime = runtime;
        _log = Context.GetLogger().WithContext("JobId", jobId); // every line about this job carries its id
        var self = Akka.Cluster.Cluster.Get(Context.System).SelfAddress;
        _runner = new JobActionRunner(runtime, new JobId(jobId), $"{self.Host}-{self.Port}");

        Recover<IJobEvent>(e => _state = _state is null ? JobState.Submitted((JobSubmitted)e) : _state.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<StartJob>(OnStart);
        Command<CancelJob>(OnCancel);
        Command<GetJob>(_ =>
        {
            Sender.Tell(_state is null ? new JobNotFound(_jobId) : View());
            PassivateIfUnknown();
        });
        Command<ActionDone>(OnActionDone);
        Command<DeadlineReached>(_ => OnDeadline());
        Command<RetryAction>(_ => Proceed());
        Command<StopEntity>(_ =>
        {
            if (_state is { IsTerminal: false })
                _log.Info("job {JobId:l}: its shard is handed off; the running step stays in the pod for the next owner", _jobId);
            Context.Stop(Self);
        });
    }

    public override string PersistenceId => PersistenceIdOf(_jobId);

    public static string PersistenceIdOf(string jobId) => "job-" + jobId;

    public ITimerScheduler Timers { get; set; } = null!;

    private void OnRecovered()
    {
        if (_state is null)
            return;
        _runtime.Views.Publish(View(), LastSequenceNr);
        if (_state.Phase == JobPhase.Queued)
            _runtime.ResourceClasses.Tell(new EnqueueJob(_state.Spec.ResourceClass, _jobId));
        ScheduleDeadline();
        if (_state.NeedsOwner)
            PersistTransition(new JobAdopted(_state.OwnerEpoch + 1, OwnerName(), _runtime.Clock.GetUtcNow()));
        else
            Proceed();
    }

    private string OwnerName() => $"{_runtime.Options.Agent.Name} ({Akka.Cluster.Cluster.Get(Context.System).SelfAddress})";

    private void OnStart(StartJob cmd)
    {
        if (_state is null || _state.Phase != JobPhase.Queued)
        {
            // Already started (a duplicate claim after a restart) is fine, and so is an ended job still cleaning up: its
            // pod still counts. Anything else gives the slot back.
            if (_state is null || (_state.IsTerminal && !_state.NeedsOwner))
                Sender.Tell(new JobStartRefused(_jobId));
            PassivateIfUnknown();
            return;
        }

        PersistTransition(new JobClaimed(_state.Attempt + 1, _runtime.Clock.GetUtcNow()), () => ScheduleDeadline());
    }

    private void OnCancel(CancelJob cmd)
    {
        if (_state is null)
        {
            Sender.Tell(new JobNotFound(_jobId));
            PassivateIfUnknown();
            return;
        }

        if (!_state.CanCancel)
        {
            Sender.Tell(View());
            return;
        }

        var replyTo = Sender;
        var wasQueued = _state.Phase == JobPhase.Queued;
        PersistTransition(new JobCancelRequested(_runtime.Clock.GetUtcNow()), () =>
        {
            if (wasQueued)
                _runtime.ResourceClasses.Tell(new RemoveQueuedJob(_state!.Spec.ResourceClass, _jobId));
            _inFlight?.Cancel();
            replyTo.Tell(View());
        });
    }

    private void OnDeadline()
    {
        if (_state is null || _state.IsTerminal)
            return;
        _timedOut = true;
        if (_inFlight is not null)
            _inFlight.Cancel();
        else
            Proceed();
    }

    /// <summary>A message for a job that was never submitted created this entity; don't keep (or remember) it.</summary>
    private void PassivateIfUnknown()
    {
        if (_state is null)
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    private void ScheduleDeadline()
    {
        if (_state is null || _state.IsTerminal || _state.Deadline(_runtime.Options.Agent.MaxRunTime) is not { } deadline)
            return;
        var delay = deadline - _runtime.Clock.GetUtcNow();
        Timers.StartSingleTimer("deadline", new DeadlineReached(), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    /// <summary>Starts the next action unless one is in flight or the job is done.</summary>
    private void Proceed()
    {
        if (_state is null || _inFlight is not null)
            return;

        if (_timedOut && !_state.IsTerminal)
        {
            var timeout = Domain.Tasks.TaskSpecLimits.EffectiveTimeout(_state.Spec, _runtime.Options.Agent.MaxRunTime);
            PersistTransition(new JobTimedOut(timeout, _runtime.Clock.GetUtcNow()));
            return;
        }

        switch (JobPlanner.Next(_state))
        {
            case JobAction.None when _state.IsTerminal:
                Finish();
                break;
            case JobAction.None:
                break;
            case JobAction.RunStep step:
                PersistTransition(new StepStarted(step.Index, _runtime.Clock.GetUtcNow()), stayIdle: true,
                    after: () => Launch(ct => _runner.RunStepAsync(_state!, step.Index, ct)));
                break;
            case JobAction.CompleteSucceeded:
                PersistTransition(new JobSucceeded(_runtime.Clock.GetUtcNow()));
                break;
            case JobAction.CompleteFailed failed:
                PersistTransition(new JobFailed(failed.StepIndex, failed.ExitCode, failed.Message, _runtime.Clock.GetUtcNow()));
                break;
            case JobAction.StopForCancel:
                PersistTransition(new JobCancelled(_runtime.Clock.GetUtcNow()));
                break;
            case var action:
                var state = _state;
                Launch(ct => _runner.PerformAsync(state, action, ct));
                break;
        }
    }

    private void Launch(Func<CancellationToken, Task<IJobEvent>> work)
    {
        var generation = ++_generation;
        var cts = new CancellationTokenSource();
        _inFlight = cts;
        var self = Self;
        work(cts.Token).ContinueWith(
            t => new ActionDone(generation, t.IsCompletedSuccessfully ? t.Result : null,
                t.IsCompletedSuccessfully ? null : t.Exception is { } error ? JobFailures.Unwrap(error) : new OperationCanceledException()),
            TaskScheduler.Default).PipeTo(self);
    }

    private void OnActionDone(ActionDone done)
    {
        if (done.Generation != _generation || _state is null)
            return;
        var wasStopped = _inFlight?.IsCancellationRequested == true;
        _inFlight?.Dispose();
        _inFlight = null;

        if (done.Event is { } e && (!wasStopped || e is ResourcesCleanedUp))
        {
            if (_state.Validate(e) is null)
            {
                PersistTransition(e);
                return;
            }
        }

        if (done.Error is OwnerSupersededException superseded)
        {
            _log.Warning("job {JobId:l}: {Reason:l}; this owner stops without acting", _jobId, superseded.Message);
            Context.Stop(Self);
            return;
        }

        if (done.Error is StorageUnavailableException storage)
        {
            // Not the job's failure: what the action did is in the pod and in the stored log. The class wakes a new
            // incarnation (each reconciliation round), which recovers once the database is back and adopts the step.
            _log.Warning("job {JobId:l}: {Reason:l}; this incarnation stops, the next one resumes", _jobId, storage.Message);
            Context.Stop(Self);
            return;
        }

        if (done.Error is { } transient && !wasStopped && !_state.IsEnding
            && JobFailures.IsTransientApiFailure(transient) && _transientFailures < MaxTransientRetries)
        {
            // The gateway already retried this call; the API is still throttling or failing. Waiting longer costs the
            // job time, failing it would cost the user a re-run. Every action is idempotent, so it is simply redone.
            var delay = RetryLater(++_transientFailures);
            _log.Warning("job {JobId:l}: {Reason:l}; the Kubernetes API failed transiently, retrying in {Delay}", _jobId, transient.Message, delay);
            return;
        }

        if (done.Error is { } error && !wasStopped && !_state.IsEnding)
        {
            var failure = JobFailures.Classify(error);
            _log.Warning("job {JobId:l}: {Reason:l}", _jobId, failure.Message);
            PersistTransition(failure.ToEvent(_runtime.Clock.GetUtcNow()));
            return;
        }

        if (done.Error is not null && _state.IsEnding && !_state.CleanedUp)
        {
            // Cleanup failed (after the gateway's own retries): try again later; the GC is the last resort.
            var delay = RetryLater(++_failedCleanups);
            _log.Warning("job {JobId:l}: cleanup failed ({Reason:l}), retrying in {Delay}", _jobId, done.Error.Message, delay);
            return;
        }

        Proceed();
    }

    /// <summary>Redoes the next action after 2 s per failure in a row, at most 30 s; returns the wait.</summary>
    private TimeSpan RetryLater(int failures)
    {
        var delay = TimeSpan.FromSeconds(Math.Min(30, 2 * failures));
        Timers.StartSingleTimer("retry", new RetryAction(), delay);
        return delay;
    }

    private void PersistTransition(IJobEvent e, Action? after = null, bool stayIdle = false)
    {
        Persist(e, persisted =>
        {
            var before = _state!;
            _state = before.Apply(persisted);
            _transientFailures = 0;
            _runtime.Metrics.Record(before, persisted, _state);
            _log.Info("job {JobId:l}: {Event:l}", _jobId, persisted.GetType().Name);
            _runtime.Views.Publish(View(), LastSequenceNr);
            after?.Invoke();
            if (!stayIdle)
                Proceed();
        });
    }

    private void Finish()
    {
        Timers.CancelAll();
        var view = View();
        var resourceClass = _state!.Spec.ResourceClass;
        var self = Self;
        var parent = Context.Parent;
        var version = LastSequenceNr;
        // The terminal view is stored before the log completes, so a client that followed the log to its end reads the final state.
        // Should the database fail here, the class keeps the slot and wakes the job again, and that incarnation finishes it.
        StoreEndAsync(view, version).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
                _runtime.ResourceClasses.Tell(new JobEnded(resourceClass, _jobId));
            parent.Tell(new Passivate(PoisonPill.Instance), self);
        }, TaskScheduler.Default);
    }

    private async Task StoreEndAsync(JobView view, long version)
    {
        await _runtime.Views.StoreAsync(view, version);
        await _runtime.Logs.CompleteAsync(_jobId, CancellationToken.None);
    }

    protected override void PostStop()
    {
        _inFlight?.Cancel();
        _runner.Dispose();
        base.PostStop();
    }

    private JobView View() => JobViews.From(_state!);

    public static Props Props(string jobId, JobRuntime runtime) => Akka.Actor.Props.Create(() => new JobActor(jobId, runtime));
}

/// <summary>One shard per job, named by its id, so <see cref="JobShardPlacement"/> can place every job on its own.</summary>
public sealed class JobMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => (message as IJobCommand)?.JobId;

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;
}

public static class JobRegistration
{
    public const string RegionName = "job";

    /// <summary>
    /// The job shard region. Its entities are not remembered: the resource class records which replica runs each claimed
    /// job and starts it there again (after a restart, and on every reconciliation), which also places a job whose
    /// replica left on the replica that now holds its slot.
    /// </summary>
    public static AkkaConfigurationBuilder AddJobShard(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var runtime = resolver.GetService<JobRuntime>();
            var settings = ClusterShardingSettings.Create(system).WithRememberEntities(false);
            var region = ClusterSharding.Get(system).Start(
                RegionName,
                jobId => JobActor.Props(jobId, runtime with { ResourceClasses = registry.Get<ResourceClassActor>() }),
                settings,
                new JobMessageExtractor(),
                new JobShardPlacement(),
                StopEntity.Instance);
            registry.Register<JobActor>(region);
        });
}
