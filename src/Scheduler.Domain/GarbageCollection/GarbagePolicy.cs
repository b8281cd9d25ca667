using System.Globalization;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.GarbageCollection;

/// <summary>
/// Decides which managed pods and secrets are garbage. Never a live job's, never one without our managed-by label.
/// Otherwise a resource goes once it is older than <paramref name="Threshold"/>, or, once older than
/// <paramref name="Grace"/>, when its job is finished, unknown, or on a later attempt. The grace covers the moment
/// between a pod's creation and the job records catching up with it.
/// </summary>
public sealed record GarbagePolicy(TimeSpan Threshold, TimeSpan Grace)
{
    public IReadOnlyList<Garbage> Select(IEnumerable<ManagedResource> resources, Func<JobId, KnownJob?> jobs, DateTimeOffset now) =>
        resources.Select(r => Judge(r, jobs, now)).OfType<Garbage>().ToArray();

    private Garbage? Judge(ManagedResource resource, Func<JobId, KnownJob?> jobs, DateTimeOffset now)
    {
        if (!IsManaged(resource))
            return null;
        var age = now - resource.CreatedAt;
        if (!JobId.TryParse(Label(resource, SchedulerLabels.JobId), out var jobId))
            return age >= Threshold ? new Garbage(resource, null, GarbageCause.NoJobId, $"has no job id and is older than kubeGCThreshold ({GoDuration.Format(Threshold)})") : null;

        var job = jobs(jobId);
        if (job is { Finished: false })
            return Superseded(resource, job) is { } attempt && age >= Grace
                ? new Garbage(resource, jobId.Value, GarbageCause.SupersededAttempt, $"attempt {attempt} of job {jobId} was superseded by attempt {job.Attempt}")
                : null;
        if (age >= Threshold)
            return new Garbage(resource, jobId.Value, GarbageCause.OlderThanThreshold, $"older than kubeGCThreshold ({GoDuration.Format(Threshold)})");
        if (age < Grace)
            return null;
        return job is null
            ? new Garbage(resource, jobId.Value, GarbageCause.UnknownJob, $"no record of job {jobId}")
            : new Garbage(resource, jobId.Value, GarbageCause.JobFinished, $"job {jobId} has finished");
    }

    private static bool IsManaged(ManagedResource resource) =>
        Label(resource, SchedulerLabels.ManagedBy) == SchedulerLabels.ManagedByValue;

    // Only an older attempt: a newer one than the records know means the records lag behind a new claim.
    private static int? Superseded(ManagedResource resource, KnownJob job) =>
        int.TryParse(Label(resource, SchedulerLabels.Attempt), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
        && attempt < job.Attempt ? attempt : null;

    private static string? Label(ManagedResource resource, string key) =>
        resource.Labels.TryGetValue(key, out var value) ? value : null;
}
