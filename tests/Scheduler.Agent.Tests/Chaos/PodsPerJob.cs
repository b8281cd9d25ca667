using k8s;
using k8s.Models;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>
/// Every managed pod LocalKube reports (a watch of the test's own, started before the first job), by its job: the
/// evidence, from LocalKube rather than the agents, of how many pods each job ever had. A watch without a
/// resourceVersion starts with the pods that exist, so one that connects late, or is started again after LocalKube
/// ended it, misses only a pod created and deleted in between: the scenarios' gate keeps every pod until their end.
/// </summary>
public sealed class PodsPerJob : IAsyncDisposable
{
    private readonly Dictionary<string, HashSet<string>> _uids = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _following = Task.CompletedTask;

    public void Start(IKubernetes kube) => _following = FollowAsync(kube, _stop.Token);

    /// <summary>The uids of the pods each job had.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Pods
    {
        get
        {
            lock (_uids) return _uids.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value.ToHashSet());
        }
    }

    private async Task FollowAsync(IKubernetes kube, CancellationToken ct)
    {
        for (var watches = 0; watches < 1000 && !ct.IsCancellationRequested; watches++)
        {
            try
            {
                await foreach (var (_, pod) in kube.CoreV1.WatchListNamespacedPodAsync("default",
                                   labelSelector: SchedulerLabels.ManagedSelector, cancellationToken: ct))
                {
                    lock (_uids)
                    {
                        var job = pod.Metadata.Labels[SchedulerLabels.JobId];
                        if (!_uids.TryGetValue(job, out var uids))
                            _uids[job] = uids = [];
                        uids.Add(pod.Metadata.Uid);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // The connection broke: the next watch lists the pods again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following.WaitAsync(ChaosCluster.Timeout);
        _stop.Dispose();
    }
}
