using Akka.Actor;
using Akka.Hosting;
using Scheduler.Agent.Actors;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// <see cref="IJobService"/> over the actors: a submission is persisted by a <see cref="JobSubmissionActor"/>, commands
/// go to the job's entity, reads come from the read model (so asking about an unknown id never creates an entity).
/// </summary>
public sealed class ActorJobService(
    ActorSystem system, IRequiredActor<JobActor> jobs, IRequiredActor<ResourceClassActor> classes, IJobViewStore views, TimeProvider clock)
    : IJobService
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private readonly JobIdGenerator _ids = new(clock, Random.Shared);

    public async Task<JobView> SubmitAsync(TaskSpec spec, CancellationToken ct)
    {
        var id = _ids.Next().Value;
        var submission = system.ActorOf(JobSubmissionActor.Props(id, classes.ActorRef, clock));
        var view = await submission.Ask<JobView>(new SubmitJob(id, spec), AskTimeout, ct);
        await views.StoreAsync(view, version: 1, ct);
        return view;
    }

    public Task<JobView?> GetAsync(string jobId, CancellationToken ct) => views.GetAsync(jobId, ct);

    public Task<IReadOnlyList<JobView>> ListAsync(JobQuery query, CancellationToken ct) => views.ListAsync(query, ct);

    public async Task<JobView?> CancelAsync(string jobId, CancellationToken ct)
    {
        if (await views.GetAsync(jobId, ct) is null)
            return null;
        return await jobs.ActorRef.Ask<object>(new CancelJob(jobId), AskTimeout, ct) switch
        {
            JobView view => view,
            _ => null,
        };
    }
}
