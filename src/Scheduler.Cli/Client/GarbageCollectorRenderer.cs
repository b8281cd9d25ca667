using Scheduler.Agent.Actors;
using Scheduler.Agent.GarbageCollection;

namespace Scheduler.Cli.Client;

/// <summary>Plain-text views of the garbage collector for <c>sched gc</c>.</summary>
public static class GarbageCollectorRenderer
{
    public static IEnumerable<string> Status(GarbageCollectorStatus status)
    {
        if (!status.Enabled)
        {
            yield return "garbage collector: disabled (agent.kubeGCEnabled = false)";
            yield break;
        }
        yield return $"garbage collector: running on {status.Node}";
        yield return $"  passes          {status.Runs}";
        yield return $"  last pass       {Time(status.LastRunAt)}";
        yield return $"  next pass       {Time(status.NextRunAt)}";
        foreach (var error in status.LastErrors)
            yield return $"  error           {error}";
        yield return $"  recent deletions ({status.RecentDeletions.Count}, newest first):";
        foreach (var deletion in status.RecentDeletions)
            yield return Deletion(deletion);
    }

    public static IEnumerable<string> Run(GarbageCollectionRun run)
    {
        yield return $"garbage collection on {run.Node}: deleted {run.Deleted.Count} in {JobRenderer.Format(run.FinishedAt - run.StartedAt)}";
        foreach (var deletion in run.Deleted)
            yield return Deletion(deletion);
        foreach (var error in run.Errors)
            yield return $"  error: {error}";
    }

    private static string Deletion(GarbageDeletion d) => $"  {Time(d.At)}  {d.Kind} {d.Name}: {d.Reason}";

    private static string Time(DateTimeOffset? at) => at is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss") : "-";
}
