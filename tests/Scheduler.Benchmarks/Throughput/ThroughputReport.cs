using System.Globalization;
using System.Text.Json;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Throughput;

/// <summary>The throughput run's figures as a Markdown table on stdout and as a JSON file.</summary>
public sealed record ThroughputReport(
    string Machine, string LoadAtStart, string LoadAtEnd, string LocalKube, int Parallel, IReadOnlyList<LoopRate> Limit, IReadOnlyList<AgentRun> Agent)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The bare loop at the agent runs' concurrency: the limit each agent run is divided by.</summary>
    public LoopRate Reference => Limit.Single(l => l.Concurrency == Parallel);

    /// <summary>Jobs/s of three PostgreSQL replicas ÷ one.</summary>
    public double? ThreeReplicasOverOne =>
        Agent.SingleOrDefault(a => a is { Storage: "PostgreSQL", Replicas: 3 }) is { } three &&
        Agent.SingleOrDefault(a => a is { Storage: "PostgreSQL", Replicas: 1 }) is { } one
            ? three.JobsPerSecond / one.JobsPerSecond
            : null;

    public void PrintMarkdown()
    {
        Console.WriteLine();
        Console.WriteLine($"Throughput · {Machine} · load {LoadAtStart} → {LoadAtEnd} · LocalKube {LocalKube} · {Parallel} closed-loop workers");
        Console.WriteLine();
        Console.WriteLine("| run | jobs | s | jobs/s | ÷ limit | submit→claim p50 / p99 ms | end to end p50 / p99 ms | mean jobs claimed at once | journal events per job: job + class + other | journal bytes kept per job |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var l in Limit)
            Console.WriteLine($"| {l.Name} | {l.Jobs} | {F(l.Seconds)} | {F(l.JobsPerSecond)} | {(l == Reference ? "1 (limit)" : F(l.JobsPerSecond / Reference.JobsPerSecond, "0.00"))} | | | | | |");
        foreach (var a in Agent)
            Console.WriteLine($"| {a.Name} | {a.Succeeded} of {a.Jobs} | {F(a.Seconds)} | {F(a.JobsPerSecond)} | {F(a.JobsPerSecond / Reference.JobsPerSecond, "0.00")} " +
                              $"| {F(a.SubmitToClaim.P50, "0")} / {F(a.SubmitToClaim.P99, "0")} | {F(a.EndToEnd.P50, "0")} / {F(a.EndToEnd.P99, "0")} | {F(a.MeanClaimed)} " +
                              $"| {F(a.Journal.EventsPerJob, "0.0")} = {F(a.Journal.JobEventsPerJob, "0.0")} + {F(a.Journal.ClassEventsPerJob, "0.0")} + {F(a.Journal.OtherEventsPerJob, "0.0")} " +
                              $"| {F(a.Journal.BytesKeptPerJob, "0")} |");
        if (ThreeReplicasOverOne is { } ratio)
            Console.WriteLine($"\n3 replicas ÷ 1 replica (PostgreSQL), jobs/s: {F(ratio, "0.00")}");

        Console.WriteLine("\nJournal rows kept per job, by writer and manifest (a class deletes its events once snapshotted):\n");
        Console.WriteLine($"| writer manifest | {string.Join(" | ", Agent.Select(a => a.Name))} |");
        Console.WriteLine($"|---|{string.Concat(Agent.Select(_ => "---|"))}");
        foreach (var manifest in Agent.SelectMany(a => a.Journal.RowsKeptByManifest.Keys).Distinct().Order(StringComparer.Ordinal))
            Console.WriteLine($"| {manifest} | {string.Join(" | ", Agent.Select(a => F((double)a.Journal.RowsKeptByManifest.GetValueOrDefault(manifest) / a.Journal.Jobs, "0.00")))} |");
    }

    /// <summary>Writes the report as JSON into the temp directory and returns the file's path.</summary>
    public async Task<string> WriteJsonAsync(string runId)
    {
        var path = Path.Combine(Path.GetTempPath(), $"scheduler-throughput-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{runId}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json));
        return path;
    }

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
