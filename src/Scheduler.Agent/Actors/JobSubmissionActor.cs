using Akka.Actor;
using Akka.Persistence;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Actors;

/// <summary>Submit a new job. Replies with its <see cref="JobView"/> once <see cref="JobSubmitted"/> is persisted.</summary>
public sealed record SubmitJob(string JobId, TaskSpec Spec);

/// <summary>
/// Persists one job's submission into the job's own journal and queues it with its resource class, then stops. It runs
/// beside the job shard region, not in it: a queued job has no entity yet, so the first replica to ask for its shard is
/// the one whose slot the class claims it with (see <see cref="JobShardPlacement"/>). A repeated id answers with the
/// stored job and writes nothing.
/// </summary>
public sealed class JobSubmissionActor : ReceivePersistentActor
{
    private readonly string _jobId;
    private JobState? _state;

    public JobSubmissionActor(string jobId, IActorRef resourceClasses, TimeProvider clock)
    {
        _jobId = jobId;
        Recover<IJobEvent>(e => _state = _state is null ? JobState.Submitted((JobSubmitted)e) : _state.Apply(e));
        Command<SubmitJob>(cmd =>
        {
            if (_state is not null)
            {
                Sender.Tell(JobViews.From(_state));
                Context.Stop(Self);
                return;
            }

            var replyTo = Sender;
            Persist(new JobSubmitted(new JobId(_jobId), cmd.Spec, clock.GetUtcNow()), e =>
            {
                _state = JobState.Submitted(e);
                resourceClasses.Tell(new EnqueueJob(cmd.Spec.ResourceClass, _jobId));
                replyTo.Tell(JobViews.From(_state));
                Context.Stop(Self);
            });
        });
    }

    public override string PersistenceId => JobActor.PersistenceIdOf(_jobId);

    public static Props Props(string jobId, IActorRef resourceClasses, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new JobSubmissionActor(jobId, resourceClasses, clock));
}
