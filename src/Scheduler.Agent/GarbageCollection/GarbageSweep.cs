using k8s.Models;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Metrics;
using Scheduler.Domain.GarbageCollection;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;
using Scheduler.Kube.Gateway;

namespace Scheduler.Agent.GarbageCollection;

/// <summary>One garbage collection pass: lists the managed pods and secrets, asks the job views about their jobs,
/// and deletes what <see cref="GarbagePolicy"/> selects, each on the condition that it is still the object it judged.</summary>
public sealed class GarbageSweep(KubeGateway gateway, IJobViewStore views, GarbagePolicy policy, TimeProvider clock, GarbageCollectionMetrics metrics)
{
    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        // The clock is read before listing, so ages are never overstated; the views are read after, so they are
        // at least as new as the resources judged by them.
        var now = clock.GetUtcNow();
        var pods = await gateway.ListPodsAsync(SchedulerLabels.ManagedSelector, ct);
        var secrets = await gateway.ListSecretsAsync(SchedulerLabels.ManagedSelector, ct);
        var resources = pods.Select(p => p.Metadata).Where(NotBeingDeleted).Select(m => Describe(ManagedResourceKind.Pod, m))
            .Concat(secrets.Select(s => s.Metadata).Where(NotBeingDeleted).Select(m => Describe(ManagedResourceKind.Secret, m)))
            .ToArray();
        var jobs = await KnownJobsAsync(resources, ct);

        var deleted = new List<GarbageDeletion>();
        var errors = new List<string>();
        foreach (var garbage in policy.Select(resources, id => jobs.GetValueOrDefault(id), now))
        {
            var resource = garbage.Resource;
            try
            {
                var wasThere = resource.Kind == ManagedResourceKind.Pod
                    ? await gateway.DeletePodWithUidAsync(resource.Name, resource.Uid, ct)
                    : await gateway.DeleteSecretWithUidAsync(resource.Name, resource.Uid, ct);
                if (!wasThere)
                    continue;
                metrics.Deleted(resource.Kind, garbage.Cause);
                deleted.Add(new GarbageDeletion(KindName(resource.Kind), resource.Name, resource.Uid, garbage.JobId, garbage.Reason, clock.GetUtcNow()));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.Add($"deleting {KindName(resource.Kind)} {resource.Name} failed: {e.Message}");
            }
        }
        return new SweepResult(deleted, errors);
    }

    private async Task<Dictionary<JobId, KnownJob>> KnownJobsAsync(IEnumerable<ManagedResource> resources, CancellationToken ct)
    {
        var known = new Dictionary<JobId, KnownJob>();
        var ids = resources
            .Select(r => r.Labels.GetValueOrDefault(SchedulerLabels.JobId))
            .Where(JobId.IsValid)
            .Distinct(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (await views.GetAsync(id!, ct) is { } view)
                known[new JobId(id!)] = new KnownJob(view.IsTerminal && view.CleanedUp, view.Attempt);
        }
        return known;
    }

    private static bool NotBeingDeleted(V1ObjectMeta meta) => meta.DeletionTimestamp is null;

    private static ManagedResource Describe(ManagedResourceKind kind, V1ObjectMeta meta) => new(
        kind,
        meta.Name,
        meta.Uid,
        new DateTimeOffset(DateTime.SpecifyKind(meta.CreationTimestamp ?? DateTime.UtcNow, DateTimeKind.Utc)),
        meta.Labels is { } labels ? labels.AsReadOnly() : new Dictionary<string, string>());

    public static string KindName(ManagedResourceKind kind) => kind == ManagedResourceKind.Pod ? "pod" : "secret";
}

/// <summary>What one pass deleted, and the deletions that failed (retried by the next pass).</summary>
public sealed record SweepResult(IReadOnlyList<GarbageDeletion> Deleted, IReadOnlyList<string> Errors);

/// <summary>One deleted pod or secret, for the log, the status and the API.</summary>
public sealed record GarbageDeletion(string Kind, string Name, string Uid, string? JobId, string Reason, DateTimeOffset At);
