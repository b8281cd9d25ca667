using k8s;
using k8s.Models;
using Scheduler.LocalKube.Faults;
using Scheduler.LocalKube.Kubelet;
using Scheduler.LocalKube.Lifecycle;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Store;

namespace Scheduler.LocalKube.Scheduling;

/// <summary>
/// The kube-scheduler stand-in: whenever pods or nodes change it binds pending pods to fitting nodes
/// (then hands them to the kubelet), marks the rest Unschedulable, and evicts pods from NoExecute-tainted nodes.
/// </summary>
internal sealed class PodScheduler : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly EventRecorder _events;
    private readonly IKubelet _kubelet;
    private readonly FaultInjector _faults;
    private readonly PodTerminator _terminator;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _evicting = new();
    private Task _loop = Task.CompletedTask;

    public PodScheduler(ObjectStore store, EventRecorder events, IKubelet kubelet, FaultInjector faults, PodTerminator terminator)
    {
        _store = store;
        _events = events;
        _kubelet = kubelet;
        _faults = faults;
        _terminator = terminator;
        _store.Changed += OnChanged;
        _faults.HoldPendingReleased += Wake;
    }

    public void Start()
    {
        _loop = Task.Run(RunAsync);
        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        _store.Changed -= OnChanged;
        _faults.HoldPendingReleased -= Wake;
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }

    /// <summary>Pods being evicted from NoExecute nodes that are not yet gone.</summary>
    internal int EvictionsInFlight
    {
        get { lock (_evicting) return _evicting.Count; }
    }

    private void OnChanged(StoreChange change)
    {
        if (change.Kind == ResourceCatalog.Pods && change.Type == WatchEventType.Deleted)
            lock (_evicting) _evicting.Remove(change.Object.Metadata.Uid);
        if (change.Kind == ResourceCatalog.Pods || change.Kind == ResourceCatalog.Nodes) Wake();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass is already due; it will see this change too.
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(_stop.Token);
                if (!_faults.HoldingPending) SchedulePass();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void SchedulePass()
    {
        var nodes = _store.List<V1Node>(ResourceCatalog.Nodes);
        var pods = _store.List<V1Pod>(ResourceCatalog.Pods);
        var usage = nodes.ToDictionary(n => n.Metadata.Name, _ => NodeUsage.Empty);
        foreach (var pod in pods.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName) && !PodPhases.IsTerminal(p)))
            if (usage.TryGetValue(pod.Spec.NodeName, out var used)) usage[pod.Spec.NodeName] = used.Add(PodRequests.Of(pod));

        var pending = pods
            .Where(p => string.IsNullOrEmpty(p.Spec?.NodeName) && p.Metadata.DeletionTimestamp is null && !PodPhases.IsTerminal(p))
            .OrderBy(p => p.Metadata.CreationTimestamp)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal);

        foreach (var pod in pending)
        {
            var failures = nodes.ToDictionary(n => n, n => NodeFit.Check(pod, n, usage[n.Metadata.Name]));
            var fitting = failures.Where(pair => pair.Value.Count == 0).Select(pair => pair.Key).ToList();
            if (fitting.Count == 0)
            {
                MarkUnschedulable(pod, UnschedulableMessage.Build(nodes.Count, failures.Values));
                continue;
            }

            var node = fitting
                .OrderBy(n => usage[n.Metadata.Name].Pods)
                .ThenBy(n => n.Metadata.Name, StringComparer.Ordinal)
                .First();
            if (Bind(pod, node.Metadata.Name))
                usage[node.Metadata.Name] = usage[node.Metadata.Name].Add(PodRequests.Of(pod));
        }

        EvictFromNoExecuteNodes(nodes, pods);
    }

    private bool Bind(V1Pod pod, string nodeName)
    {
        var bound = _store.Update<V1Pod>(ResourceCatalog.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, p =>
        {
            if (!string.IsNullOrEmpty(p.Spec.NodeName) || p.Metadata.DeletionTimestamp is not null) return false;
            p.Spec.NodeName = nodeName;
            SetScheduledCondition(p, "True", null, null);
            return true;
        });
        if (bound is null || bound.Spec.NodeName != nodeName || bound.Metadata.Uid != pod.Metadata.Uid) return false;

        _events.Record(EventRecorder.Reference(bound), "Scheduled",
            $"Successfully assigned {bound.Metadata.NamespaceProperty}/{bound.Metadata.Name} to {nodeName}",
            component: "default-scheduler");
        _kubelet.StartPod((V1Pod)ResourceCatalog.Pods.Clone(bound));
        return true;
    }

    private void MarkUnschedulable(V1Pod pod, string message)
    {
        var changed = false;
        var updated = _store.Update<V1Pod>(ResourceCatalog.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, p =>
        {
            if (!string.IsNullOrEmpty(p.Spec.NodeName)) return false;
            var current = p.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
            if (current is { Status: "False", Reason: "Unschedulable" } && current.Message == message) return false;
            SetScheduledCondition(p, "False", "Unschedulable", message);
            changed = true;
            return true;
        });
        if (changed && updated is not null)
            _events.Record(EventRecorder.Reference(updated), "FailedScheduling", message, "Warning", "default-scheduler");
    }

    private void EvictFromNoExecuteNodes(IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> pods)
    {
        foreach (var node in nodes)
        {
            foreach (var pod in pods.Where(p => p.Spec?.NodeName == node.Metadata.Name && p.Metadata.DeletionTimestamp is null && !PodPhases.IsTerminal(p)))
            {
                if (NodeFit.FirstUntoleratedTaint(pod, node, "NoExecute") is null) continue;
                var key = pod.Metadata.Uid;
                lock (_evicting)
                    if (!_evicting.Add(key)) continue;
                _events.Record(EventRecorder.Reference(pod), "TaintManagerEviction",
                    $"Marking for deletion Pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}", component: "taint-eviction-controller");
                _ = _terminator.DeleteAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, gracePeriodSeconds: null);
            }
        }
    }

    private static void SetScheduledCondition(V1Pod pod, string status, string? reason, string? message)
    {
        pod.Status ??= new V1PodStatus { Phase = "Pending" };
        pod.Status.Conditions ??= new List<V1PodCondition>();
        var existing = pod.Status.Conditions.FirstOrDefault(c => c.Type == "PodScheduled");
        if (existing is null)
        {
            existing = new V1PodCondition { Type = "PodScheduled" };
            pod.Status.Conditions.Add(existing);
        }
        if (existing.Status != status) existing.LastTransitionTime = DateTime.UtcNow;
        existing.Status = status;
        existing.Reason = reason;
        existing.Message = message;
        existing.LastProbeTime = null;
    }
}
