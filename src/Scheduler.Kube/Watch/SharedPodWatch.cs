using System.Collections.Immutable;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Watch;

/// <summary>
/// The replica's one pod informer over a label selector: LIST once, then WATCH from the list's resourceVersion
/// (with bookmarks), resuming from the last seen resourceVersion when a stream ends, and re-LISTing (with synthetic
/// changes for the differences) only when the server answers 410 Expired. Readers use the cache; nobody polls the API.
/// </summary>
public sealed class SharedPodWatch : IAsyncDisposable
{
    private readonly KubeConnection _connection;
    private readonly string _labelSelector;
    private readonly SharedPodWatchOptions _options;
    private readonly ILogger _logger;
    private readonly PodCache _cache = new();
    private readonly CancellationTokenSource _stop = new();
    private ImmutableArray<Action<PodChange>> _subscribers = [];
    private string? _resourceVersion;
    private Task? _loop;
    private int _listCount;
    private int _watchCount;

    public SharedPodWatch(KubeConnection connection, string labelSelector, SharedPodWatchOptions? options = null, ILogger<SharedPodWatch>? logger = null)
    {
        _connection = connection;
        _labelSelector = labelSelector;
        _options = options ?? new SharedPodWatchOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Number of LISTs issued so far: one at start plus one per 410 re-sync.</summary>
    public int ListCount => Volatile.Read(ref _listCount);

    /// <summary>Number of WATCH requests opened so far.</summary>
    public int WatchCount => Volatile.Read(ref _watchCount);

    /// <summary>Lists the pods (so the cache is primed when this returns), then keeps watching in the background until disposed.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (_loop is not null) throw new InvalidOperationException("The watch is already started.");
        await ListAndSyncAsync(ct).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    public IReadOnlyCollection<V1Pod> Snapshot() => _cache.Snapshot();

    public V1Pod? Get(string name) => _cache.Get(name);

    /// <summary>
    /// Completes with the cached pod (null when absent) as soon as it satisfies <paramref name="condition"/>,
    /// checked now and on each change of that pod. The condition runs under the cache lock: keep it a quick predicate.
    /// </summary>
    public Task<V1Pod?> WaitForAsync(string podName, Func<V1Pod?, bool> condition, CancellationToken ct) =>
        _cache.WaitForAsync(podName, condition, ct);

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change, in order, on the watch's thread (hand it off, don't block).
    /// Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Action<PodChange> onChange)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChange));
        return new Subscription(this, onChange);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        var mustList = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (mustList) await ListAndSyncAsync(stop).ConfigureAwait(false);
                mustList = await WatchOnceAsync(stop).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Gone)
            {
                mustList = true;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = Backoff(failures);
                _logger.LogWarning(ex, "Pod watch failed ({Failures} in a row); retrying in {Delay}", failures, delay);
                await Task.Delay(delay, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Follows one watch stream to its end; true when the server said our resourceVersion is too old.</summary>
    private async Task<bool> WatchOnceAsync(CancellationToken stop)
    {
        var expired = false;
        Exception? streamError = null;
        Interlocked.Increment(ref _watchCount);
        // kubeAPI: pods, watch
        var events = _connection.Client.CoreV1.WatchListNamespacedPodAsync(
            _connection.Namespace,
            allowWatchBookmarks: true,
            labelSelector: _labelSelector,
            resourceVersion: _resourceVersion,
            timeoutSeconds: (int)_options.WatchTimeout.TotalSeconds,
            onError: ex =>
            {
                // The client hands ERROR events (a Status) only to this callback.
                if (ex is KubernetesException { Status.Code: 410 }) expired = true;
                else streamError = ex;
            },
            cancellationToken: stop);

        await foreach (var (type, pod) in events.ConfigureAwait(false))
        {
            if (pod?.Metadata?.ResourceVersion is { } rv) _resourceVersion = rv;
            if (type is WatchEventType.Bookmark or WatchEventType.Error || pod?.Metadata?.Name is null) continue;
            if (_cache.Apply(type, pod) is { } change) Publish(change);
        }

        if (streamError is not null && !expired) throw new IOException("The pod watch stream reported an error.", streamError);
        return expired;
    }

    private async Task ListAndSyncAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _listCount);
        // kubeAPI: pods, list
        var list = await _connection.Client.CoreV1.ListNamespacedPodAsync(
            _connection.Namespace, labelSelector: _labelSelector, cancellationToken: ct).ConfigureAwait(false);
        foreach (var change in _cache.Replace(list.Items)) Publish(change);
        _resourceVersion = list.Metadata.ResourceVersion;
    }

    private void Publish(PodChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(change);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A pod change subscriber failed on {Kind} {Pod}", change.Kind, change.Name);
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ms = _options.MinErrorBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(ms, _options.MaxErrorBackoff.TotalMilliseconds));
    }

    private void Unsubscribe(Action<PodChange> onChange)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(onChange));
    }

    private sealed class Subscription(SharedPodWatch owner, Action<PodChange> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unsubscribe(onChange);
        }
    }
}
