using k8s.Models;
using Scheduler.LocalKube.Api;
using Scheduler.LocalKube.Kubelet;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Store;
using Scheduler.LocalKube.Threading;

namespace Scheduler.LocalKube.Lifecycle;

/// <summary>
/// Pod deletion as the API server and kubelet do it together: unbound and finished pods go at once; a running pod
/// gets deletionTimestamp and a grace period, and the kubelet removes it after stopping its processes.
/// </summary>
internal sealed class PodTerminator(ObjectStore store, IKubelet kubelet)
{
    private static readonly TimeSpan ImmediateStopWait = TimeSpan.FromSeconds(10);

    /// <summary>Deletes the pod; returns its state after the request (gone, or terminating), or null when it did not exist.</summary>
    public async Task<V1Pod?> DeleteAsync(string ns, string name, long? gracePeriodSeconds, bool dryRun = false)
    {
        if (store.Find(ResourceCatalog.Pods, ns, name) is not V1Pod pod) return null;
        if (dryRun) return pod;

        var bound = !string.IsNullOrEmpty(pod.Spec?.NodeName);
        var grace = bound && !PodPhases.IsTerminal(pod)
            ? Math.Max(0, gracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30)
            : 0;

        if (!bound) return (V1Pod?)store.Remove(ResourceCatalog.Pods, ns, name);

        var deadline = DateTime.UtcNow.AddSeconds(grace);
        var startStop = false;
        var terminating = store.Update<V1Pod>(ResourceCatalog.Pods, ns, name, p =>
        {
            if (p.Metadata.DeletionTimestamp is { } existing && existing <= deadline) return false;
            p.Metadata.DeletionTimestamp = new DateTime(deadline.Ticks - deadline.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            p.Metadata.DeletionGracePeriodSeconds = grace;
            startStop = true;
            return true;
        });
        if (terminating is null) return pod;
        if (!startStop) return terminating;

        var stopping = StopAsync(ns, name, TimeSpan.FromSeconds(grace));
        if (grace > 0) return terminating;

        // gracePeriodSeconds=0 is a forced delete: the object is gone when the request returns.
        await stopping.FinishedWithinAsync(ImmediateStopWait);
        return (V1Pod?)store.Remove(ResourceCatalog.Pods, ns, name) ?? terminating;
    }

    private async Task StopAsync(string ns, string name, TimeSpan grace)
    {
        try
        {
            await kubelet.StopPodAsync(ns, name, grace);
        }
        catch (Exception)
        {
            // A kubelet failure must not keep the pod in the API forever; it is removed below.
        }
        finally
        {
            // Whatever the kubelet did, a deleted pod must not linger.
            store.Remove(ResourceCatalog.Pods, ns, name);
        }
    }
}
