using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Cluster;

/// <summary>
/// One pod watch (list for a resourceVersion, then watch from it, resuming if the stream ends) that timestamps
/// the moment each pod is first seen Running and the moment it is seen DELETED. Waiters get that timestamp.
/// </summary>
public sealed class PodWatch : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly string _labelSelector;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _running = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _deleted = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private volatile Exception? _failure;
    private int _streams;

    private PodWatch(IKubernetes client, string labelSelector, string resourceVersion)
    {
        _client = client;
        _labelSelector = labelSelector;
        _pump = Task.Run(() => PumpAsync(resourceVersion));
    }

    /// <summary>How many watch streams were opened (1 unless the server ended one).</summary>
    public int Streams => _streams;

    public static async Task<PodWatch> StartAsync(IKubernetes client, string labelSelector, CancellationToken ct)
    {
        var list = await client.CoreV1.ListNamespacedPodAsync(BenchmarkCluster.Namespace, labelSelector: labelSelector, cancellationToken: ct);
        return new PodWatch(client, labelSelector, list.Metadata.ResourceVersion);
    }

    /// <summary>Completes with the timestamp (<see cref="Timing.Now"/>) at which the watch first showed the pod Running.</summary>
    public Task<long> RunningAsync(string name, TimeSpan timeout) => Waiter(_running, name).Task.WaitAsync(timeout);

    /// <summary>Completes with the timestamp at which the watch delivered the pod's DELETED event.</summary>
    public Task<long> DeletedAsync(string name, TimeSpan timeout) => Waiter(_deleted, name).Task.WaitAsync(timeout);

    /// <summary>Drops the waiters of pods that are gone, so a long run holds nothing per past pod.</summary>
    public void Forget(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            _running.TryRemove(name, out _);
            _deleted.TryRemove(name, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private TaskCompletionSource<long> Waiter(ConcurrentDictionary<string, TaskCompletionSource<long>> waiters, string name)
    {
        var waiter = waiters.GetOrAdd(name, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_failure is { } failure)
            waiter.TrySetException(failure);
        return waiter;
    }

    private async Task PumpAsync(string resourceVersion)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _streams);
                Exception? streamError = null;
                var events = _client.CoreV1.WatchListNamespacedPodAsync(
                    BenchmarkCluster.Namespace, allowWatchBookmarks: true, labelSelector: _labelSelector, resourceVersion: resourceVersion,
                    onError: ex => streamError = ex, cancellationToken: _stop.Token);
                await foreach (var (type, pod) in events)
                {
                    var seen = Timing.Now();
                    resourceVersion = pod?.Metadata?.ResourceVersion ?? resourceVersion;
                    if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted && pod?.Metadata?.Name is not null)
                        Observe(type, pod, seen);
                }
                // The client hands ERROR events (a Status, e.g. 410 Expired) only to onError; this benchmark does not re-list.
                if (streamError is not null)
                    throw new IOException("the pod watch stream reported an error", streamError);
            }
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested)
        {
            _failure = ex;
            foreach (var waiter in _running.Values.Concat(_deleted.Values))
                waiter.TrySetException(ex);
        }
    }

    private void Observe(WatchEventType type, V1Pod pod, long seen)
    {
        var name = pod.Metadata.Name;
        if (type == WatchEventType.Deleted)
        {
            Waiter(_deleted, name).TrySetResult(seen);
            Waiter(_running, name).TrySetException(new InvalidOperationException($"pod {name} was deleted before it ran"));
            return;
        }
        switch (pod.Status?.Phase)
        {
            case "Running":
                Waiter(_running, name).TrySetResult(seen);
                break;
            case "Succeeded" or "Failed":
                Waiter(_running, name).TrySetException(new InvalidOperationException(
                    $"pod {name} ended {pod.Status.Phase} before it ran: {pod.Status.Reason} {pod.Status.Message}"));
                break;
        }
    }
}
