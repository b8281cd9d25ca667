using System.Collections.Concurrent;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Tests.Api;

/// <summary>An in-memory <see cref="IJobService"/> that records what reached it, to test the API on its own.</summary>
internal sealed class InMemoryJobService : IJobService
{
    private readonly ConcurrentDictionary<string, JobView> _jobs = new();
    private int _nextId;

    public ConcurrentQueue<TaskSpec> Submitted { get; } = new();
    public ConcurrentQueue<JobQuery> Queries { get; } = new();
    public Exception? FailSubmitWith { get; set; }

    public JobView Add(string state, string resourceClass = "test/small")
    {
        var id = $"job-{Interlocked.Increment(ref _nextId)}";
        var job = new JobView(id, resourceClass, state, 1, null, null, DateTimeOffset.UtcNow, null, null, []);
        _jobs[id] = job;
        return job;
    }

    public void Replace(JobView job) => _jobs[job.Id] = job;

    public Task<JobView> SubmitAsync(TaskSpec spec, CancellationToken ct)
    {
        if (FailSubmitWith is { } failure)
            throw failure;
        Submitted.Enqueue(spec);
        var job = Add(JobStates.Queued, spec.ResourceClass) with
        {
            Steps = spec.Steps.Select((s, i) => new StepView(i, s.Name, "pending", null, null, null)).ToList(),
        };
        _jobs[job.Id] = job;
        return Task.FromResult(job);
    }

    public Task<JobView?> GetAsync(string jobId, CancellationToken ct) => Task.FromResult(_jobs.GetValueOrDefault(jobId));

    public Task<IReadOnlyList<JobView>> ListAsync(JobQuery query, CancellationToken ct)
    {
        Queries.Enqueue(query);
        IReadOnlyList<JobView> matches = _jobs.Values
            .Where(j => query.State is null || j.State == query.State)
            .Where(j => query.ResourceClass is null || j.ResourceClass == query.ResourceClass)
            .OrderBy(j => j.Id)
            .Take(query.Limit)
            .ToList();
        return Task.FromResult(matches);
    }

    public Task<JobView?> CancelAsync(string jobId, CancellationToken ct)
    {
        if (!_jobs.TryGetValue(jobId, out var job))
            return Task.FromResult<JobView?>(null);
        var cancelled = job with { State = JobStates.Cancelled, FinishedAt = DateTimeOffset.UtcNow };
        _jobs[jobId] = cancelled;
        return Task.FromResult<JobView?>(cancelled);
    }
}
