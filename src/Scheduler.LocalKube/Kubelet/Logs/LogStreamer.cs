using Microsoft.AspNetCore.Http;

namespace Scheduler.LocalKube.Kubelet.Logs;

/// <summary>Writes a container log as the kubelet does: text/plain, headers at once, then entries; follows until the container exits.</summary>
public static class LogStreamer
{
    public static async Task StreamAsync(HttpContext context, LogQuery query, ContainerLog log)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain";
        await response.StartAsync(context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);

        var since = query.Since(DateTimeOffset.UtcNow);
        var budget = new ByteBudget(query.LimitBytes);
        long offset = 0;
        var first = true;
        try
        {
            while (true)
            {
                var changed = log.Changed;
                var complete = log.IsComplete;
                var entries = ReadFrom(log, ref offset);
                IEnumerable<LogEntry> selected = first
                    ? LogSelection.Initial(entries, since, query.TailLines)
                    : entries.Where(e => LogSelection.IsAfter(e, since));
                first = false;
                foreach (var entry in selected)
                {
                    await response.Body.WriteAsync(budget.Take(entry.Render(query.Timestamps)), context.RequestAborted);
                    if (budget.Exhausted)
                        return;
                }
                await response.Body.FlushAsync(context.RequestAborted);
                if (!query.Follow || complete)
                    return;
                await changed.WaitAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private static List<LogEntry> ReadFrom(ContainerLog log, ref long offset)
    {
        try
        {
            return log.ReadFrom(ref offset);
        }
        catch (IOException)
        {
            // The pod's directory was removed with the pod: the log has ended.
            return [];
        }
    }
}
