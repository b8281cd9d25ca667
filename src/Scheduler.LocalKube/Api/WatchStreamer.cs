using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Hosting;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Store;
using Scheduler.LocalKube.Threading;

namespace Scheduler.LocalKube.Api;

/// <summary>
/// Serves <c>?watch=true</c>: a chunked stream of one JSON event per line, flushed after each. Applies selectors with
/// ADDED/DELETED transitions, sends bookmarks, ends after timeoutSeconds or when faults close watches.
/// </summary>
internal sealed class WatchStreamer(ClusterServices services)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);
    private static readonly object WatchesClosedKey = new();

    /// <summary>The fault injector's close-watches token as it was when the request arrived.</summary>
    public static void RememberWatchesClosed(HttpContext context, CancellationToken watchesClosed) =>
        context.Items[WatchesClosedKey] = watchesClosed;

    public async Task StreamAsync(HttpContext context, ResourceKind kind, string? ns, ListQuery query)
    {
        long? from = query.ResourceVersion is null or "" or "0" || query.SendInitialEvents == true
            ? null
            : long.TryParse(query.ResourceVersion, out var rv) && rv >= 0
                ? rv
                : throw StatusException.BadRequest($"invalid resource version \"{query.ResourceVersion}\"");
        var asTable = TableRenderer.Wants(context.Request.Headers.Accept);

        WatchSubscription subscription;
        try
        {
            subscription = services.Store.Watch(kind, ns, from);
        }
        catch (StatusException expired) when (expired.Code == 410)
        {
            await StartAsync(context);
            await WriteEventAsync(context, "ERROR", expired.ToJson());
            return;
        }

        using (subscription)
        {
            using var timeout = new CancellationTokenSource(query.Timeout ?? DefaultTimeout);
            var watchesClosed = context.Items[WatchesClosedKey] as CancellationToken? ?? services.Faults.WatchesClosed;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token, watchesClosed);
            await StartAsync(context);
            try
            {
                await PumpAsync(context, kind, query, subscription, asTable, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // timeoutSeconds, a closed-watches fault, or the client went away: end the stream cleanly.
            }
        }
    }

    private async Task PumpAsync(HttpContext context, ResourceKind kind, ListQuery query, WatchSubscription subscription, bool asTable, CancellationToken ct)
    {
        var reader = subscription.Changes;
        var initialEndPending = query.SendInitialEvents == true && query.AllowBookmarks;
        var nextBookmark = DateTime.UtcNow + services.BookmarkInterval;
        var firstTable = true;
        while (!ct.IsCancellationRequested)
        {
            while (reader.TryRead(out var change))
            {
                var type = EventType(change, query);
                if (type is null) continue;
                await WriteEventAsync(context, type, Render(kind, change.Object, asTable, ref firstTable));
            }
            if (initialEndPending)
            {
                await WriteBookmarkAsync(context, kind, subscription.StartVersion, initialEventsEnd: true);
                initialEndPending = false;
            }

            var wait = reader.WaitToReadAsync(ct).AsTask();
            if (query.AllowBookmarks)
            {
                var delay = nextBookmark - DateTime.UtcNow;
                if (delay > TimeSpan.Zero) await wait.FinishedWithinAsync(delay);
                if (DateTime.UtcNow >= nextBookmark)
                {
                    // Every change up to this version has been offered to the channel; it is fully sent once the channel is empty.
                    var version = services.Store.Version;
                    if (reader.Count == 0) await WriteBookmarkAsync(context, kind, version, initialEventsEnd: false);
                    nextBookmark = DateTime.UtcNow + services.BookmarkInterval;
                }
                ct.ThrowIfCancellationRequested();
            }
            else if (!await wait)
            {
                return;
            }
        }
    }

    /// <summary>The event type this watcher sees, given the selectors before and after the change; null to skip.</summary>
    private static string? EventType(StoreChange change, ListQuery query)
    {
        bool Matches(SelectableState? state) =>
            state is not null && query.Labels.Matches(state.Labels) && query.Fields.Matches(state.Fields);

        var now = Matches(SelectableState.Of(change.Kind, change.Object));
        return change.Type switch
        {
            WatchEventType.Added => now ? "ADDED" : null,
            WatchEventType.Deleted => Matches(change.Previous) || now ? "DELETED" : null,
            _ => (Matches(change.Previous), now) switch
            {
                (true, true) => "MODIFIED",
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                _ => null,
            },
        };
    }

    private static string Render(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, bool asTable, ref bool firstTable)
    {
        if (!asTable) return KubernetesJson.Serialize(obj);
        var table = TableRenderer.Render(kind, [obj], null, withColumns: firstTable);
        firstTable = false;
        return table.ToJsonString();
    }

    private static Task WriteBookmarkAsync(HttpContext context, ResourceKind kind, long version, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = version.ToString() };
        if (initialEventsEnd) metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        var obj = new JsonObject { ["kind"] = kind.Kind, ["apiVersion"] = "v1", ["metadata"] = metadata };
        return WriteEventAsync(context, "BOOKMARK", obj.ToJsonString());
    }

    private static async Task StartAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = ResponseWriter.Json;
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, string type, string objectJson)
    {
        await context.Response.WriteAsync($"{{\"type\":\"{type}\",\"object\":{objectJson}}}\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
