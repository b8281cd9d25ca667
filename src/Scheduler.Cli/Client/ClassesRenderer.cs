using System.Globalization;
using Scheduler.Agent.Api;

namespace Scheduler.Cli.Client;

/// <summary>Renders <c>GET /api/v1/resource-classes</c> as a table, with each failing class's reasons under it.</summary>
public static class ClassesRenderer
{
    public static IEnumerable<string> Lines(ResourceClassesView view)
    {
        yield return view.CheckerEnabled
            ? $"constraint checker: on (every {view.Interval}, disables a class after {view.Threshold} failed checks)"
            : "constraint checker: off";
        var rows = view.Classes.Select(c => new[]
        {
            c.Name,
            c.Enabled ? "enabled" : "disabled",
            c.Queued.ToString(CultureInfo.InvariantCulture),
            c.Running.ToString(CultureInfo.InvariantCulture),
            c.Limit?.ToString(CultureInfo.InvariantCulture) ?? "-",
            view.CheckerEnabled ? $"{c.ConsecutiveFailures}/{view.Threshold}" : "-",
            c.LastChecked?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
        }).ToList();
        string[] header = ["CLASS", "STATE", "QUEUED", "RUNNING", "LIMIT", "FAILURES", "LAST CHECKED"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Row(string[] cells) => string.Join("  ", cells.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd();

        yield return Row(header);
        foreach (var (row, resourceClass) in rows.Zip(view.Classes))
        {
            yield return Row(row);
            foreach (var reason in resourceClass.Reasons)
                yield return "    " + reason;
        }
    }
}
