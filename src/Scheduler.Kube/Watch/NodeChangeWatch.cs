using k8s;
using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Watch;

/// <summary>
/// Signals node changes: LISTs the nodes (one signal), then WATCHes from the list's resourceVersion, signalling each
/// added, modified or deleted node and resuming from the last seen resourceVersion when a stream ends; on an error or
/// a 410 it LISTs again. Readers get only the signal and list the nodes themselves, so nothing is cached here.
/// </summary>
public sealed class NodeChangeWatch : IDisposable
{
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();

    private NodeChangeWatch()
    {
    }

    /// <summary>Starts watching in the background; <paramref name="onChange"/> runs on the watch's thread (hand it off).</summary>
    public static NodeChangeWatch Start(KubeConnection connection, Action onChange, Action<Exception> onFailure)
    {
        var watch = new NodeChangeWatch();
        var stop = watch._stop.Token;
        _ = Task.Run(() => RunAsync(connection.Client, onChange, onFailure, stop), CancellationToken.None);
        return watch;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static async Task RunAsync(IKubernetes client, Action onChange, Action<Exception> onFailure, CancellationToken stop)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    // kubeAPI: nodes, list
                    var list = await client.CoreV1.ListNodeAsync(cancellationToken: stop).ConfigureAwait(false);
                    resourceVersion = list.Metadata.ResourceVersion;
                    onChange();
                }
                resourceVersion = await WatchOnceAsync(client, resourceVersion, onChange, stop).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                onFailure(ex);
                resourceVersion = null;
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10))));
                await Task.Delay(delay, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Follows one stream to its end and returns the resourceVersion to resume from; throws when the server reported an error (a 410 too).</summary>
    private static async Task<string> WatchOnceAsync(IKubernetes client, string resourceVersion, Action onChange, CancellationToken stop)
    {
        Exception? streamError = null;
        // kubeAPI: nodes, watch
        var events = client.CoreV1.WatchListNodeAsync(
            allowWatchBookmarks: true,
            resourceVersion: resourceVersion,
            timeoutSeconds: (int)WatchTimeout.TotalSeconds,
            onError: ex => streamError = ex, // ERROR events (a 410 Status among them) reach only this callback
            cancellationToken: stop);
        var last = resourceVersion;
        await foreach (var (type, node) in events.ConfigureAwait(false))
        {
            if (node?.Metadata?.ResourceVersion is { } rv)
                last = rv;
            if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                onChange();
        }
        if (streamError is not null)
            throw new IOException("The node watch stream reported an error.", streamError);
        return last;
    }
}
