using Scheduler.Domain.GarbageCollection;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.GarbageCollection;

public class GarbagePolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly GarbagePolicy Policy = new(Threshold: TimeSpan.FromHours(5), Grace: TimeSpan.FromMinutes(2));

    private static ManagedResource Pod(string? jobId, TimeSpan age, int attempt = 1, bool managed = true, ManagedResourceKind kind = ManagedResourceKind.Pod)
    {
        var labels = new Dictionary<string, string> { [SchedulerLabels.Attempt] = attempt.ToString() };
        if (managed)
            labels[SchedulerLabels.ManagedBy] = SchedulerLabels.ManagedByValue;
        if (jobId is not null)
            labels[SchedulerLabels.JobId] = jobId;
        return new ManagedResource(kind, $"sched-{jobId ?? "x"}-{attempt}", Guid.NewGuid().ToString(), Now - age, labels);
    }

    private static IReadOnlyList<Garbage> Select(Dictionary<string, KnownJob> jobs, params ManagedResource[] resources) =>
        Policy.Select(resources, id => jobs.GetValueOrDefault(id.Value), Now);

    private static readonly Dictionary<string, KnownJob> NoJobs = new();

    [Fact]
    public void Never_deletes_a_live_jobs_pod_or_secret_even_past_the_threshold()
    {
        var jobs = new Dictionary<string, KnownJob> { ["t-live"] = new(Finished: false, Attempt: 1) };

        var garbage = Select(jobs,
            Pod("t-live", TimeSpan.FromHours(6)),
            Pod("t-live", TimeSpan.FromHours(6), kind: ManagedResourceKind.Secret));

        Assert.Empty(garbage);
    }

    [Fact]
    public void Never_deletes_what_lacks_the_managed_by_label()
    {
        Assert.Empty(Select(NoJobs, Pod("t-other", TimeSpan.FromHours(9), managed: false), Pod(null, TimeSpan.FromHours(9), managed: false)));
    }

    [Fact]
    public void Deletes_a_finished_jobs_resources_after_the_grace_period()
    {
        var jobs = new Dictionary<string, KnownJob> { ["t-done"] = new(Finished: true, Attempt: 1) };
        var old = Pod("t-done", TimeSpan.FromMinutes(3));
        var secret = Pod("t-done", TimeSpan.FromMinutes(3), kind: ManagedResourceKind.Secret);

        var garbage = Select(jobs, old, secret, Pod("t-done", TimeSpan.FromMinutes(1)));

        Assert.Equal([old, secret], garbage.Select(g => g.Resource));
        Assert.All(garbage, g => Assert.Equal((GarbageCause.JobFinished, "job t-done has finished"), (g.Cause, g.Reason)));
        Assert.All(garbage, g => Assert.Equal("t-done", g.JobId));
    }

    [Fact]
    public void Deletes_resources_of_an_unknown_job_only_after_the_grace_period()
    {
        var orphan = Pod("t-gone", TimeSpan.FromMinutes(2));

        var garbage = Select(NoJobs, orphan, Pod("t-being-submitted", TimeSpan.FromSeconds(119)));

        var deleted = Assert.Single(garbage, g => g.Resource == orphan);
        Assert.Equal((GarbageCause.UnknownJob, "no record of job t-gone"), (deleted.Cause, deleted.Reason));
        Assert.Single(garbage);
    }

    [Fact]
    public void Deletes_anything_not_live_past_the_threshold_whatever_the_grace()
    {
        var policy = new GarbagePolicy(Threshold: TimeSpan.FromSeconds(5), Grace: TimeSpan.FromHours(1));
        var unknown = Pod("t-gone", TimeSpan.FromSeconds(6));
        var noJobId = Pod(null, TimeSpan.FromSeconds(6));

        var garbage = policy.Select([unknown, noJobId, Pod("t-young", TimeSpan.FromSeconds(4))], _ => null, Now);

        Assert.Equal([unknown, noJobId], garbage.Select(g => g.Resource));
        Assert.Equal((GarbageCause.OlderThanThreshold, "older than kubeGCThreshold (5s)"), (garbage[0].Cause, garbage[0].Reason));
        Assert.Equal((GarbageCause.NoJobId, "has no job id and is older than kubeGCThreshold (5s)"), (garbage[1].Cause, garbage[1].Reason));
    }

    [Fact]
    public void Keeps_a_resource_without_a_job_id_below_the_threshold()
    {
        Assert.Empty(Select(NoJobs, Pod(null, TimeSpan.FromHours(4)), Pod("NOT a job id", TimeSpan.FromHours(4))));
    }

    [Fact]
    public void Deletes_the_pod_of_a_superseded_attempt_of_a_live_job_after_the_grace_period()
    {
        var jobs = new Dictionary<string, KnownJob> { ["t-retried"] = new(Finished: false, Attempt: 2) };
        var first = Pod("t-retried", TimeSpan.FromMinutes(5), attempt: 1);

        var garbage = Select(jobs, first, Pod("t-retried", TimeSpan.FromMinutes(5), attempt: 2), Pod("t-retried", TimeSpan.FromSeconds(10), attempt: 1));

        Assert.Equal((GarbageCause.SupersededAttempt, "attempt 1 of job t-retried was superseded by attempt 2"), (Assert.Single(garbage).Cause, garbage[0].Reason));
        Assert.Same(first, garbage[0].Resource);
    }

    [Fact]
    public void Keeps_a_pod_of_a_newer_attempt_than_the_records_know()
    {
        var jobs = new Dictionary<string, KnownJob> { ["t-lagging"] = new(Finished: false, Attempt: 1) };

        Assert.Empty(Select(jobs, Pod("t-lagging", TimeSpan.FromMinutes(5), attempt: 2)));
    }
}
