using System.Text;
using System.Text.Json;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>One scenario's outcome, measured from evidence outside the agents (run counter, <c>seq</c> output, LocalKube).</summary>
/// <param name="Lost">Jobs that did not end <c>succeeded</c> with their whole log.</param>
/// <param name="DuplicatedBytes">Stored log bytes beyond the expected ones, over all jobs.</param>
/// <param name="StepsRerun">Step runs beyond one per job, from the run counter.</param>
/// <param name="TakeoverSeconds">From the fault until the affected jobs' output flowed again; null when not measured.</param>
public sealed record ChaosRow(
    string Scenario, int Jobs, int Succeeded, int Lost, long DuplicatedBytes, int StepsRerun, double? TakeoverSeconds);

/// <summary>
/// The chaos suite's table: every scenario run in this test process adds its row, and the whole table is rewritten as
/// JSON to <c>SCHED_CHAOS_SUMMARY</c>, by default <c>TestResults/chaos-summary.json</c> beside the test assembly.
/// </summary>
public static class ChaosSummary
{
    private static readonly List<ChaosRow> Rows = [];
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string FilePath =>
        Environment.GetEnvironmentVariable("SCHED_CHAOS_SUMMARY") is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "chaos-summary.json");

    /// <summary>Adds the row, rewrites the JSON file and returns the table so far, for the test's output.</summary>
    public static string Record(ChaosRow row)
    {
        lock (Rows)
        {
            Rows.Add(row);
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.WriteAllText(FilePath, JsonSerializer.Serialize(Rows, Json));
            return Table(Rows);
        }
    }

    public static string Table(IEnumerable<ChaosRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | jobs | succeeded | lost | duplicated bytes | steps re-run | takeover |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            text.AppendLine($"| {r.Scenario} | {r.Jobs} | {r.Succeeded} | {r.Lost} | {r.DuplicatedBytes} | {r.StepsRerun} | {(r.TakeoverSeconds is { } s ? $"{s:F1} s" : "")} |");
        return text.ToString();
    }
}
