using Scheduler.Domain.Jobs;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// The jobs read model: the latest <see cref="JobView"/> of each job, written by the job actors after each
/// persisted event and read by the API from any replica. The journal stays the truth; a view carries the
/// event sequence number it reflects, and an older view never overwrites a newer one.
/// </summary>
public interface IJobViewStore
{
    /// <summary>Stores the view unless a newer one (higher <paramref name="version"/>) is already stored.</summary>
    Task StoreAsync(JobView view, long version, CancellationToken ct = default);

    /// <summary>Fire-and-forget <see cref="StoreAsync"/> for the actor's hot path; failures are logged.</summary>
    void Publish(JobView view, long version);

    Task<JobView?> GetAsync(string jobId, CancellationToken ct = default);

    Task<IReadOnlyList<JobView>> ListAsync(JobQuery query, CancellationToken ct = default);
}
