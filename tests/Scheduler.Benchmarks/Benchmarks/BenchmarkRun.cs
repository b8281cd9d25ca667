using Scheduler.Benchmarks.Cluster;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Benchmarks.Resources;

namespace Scheduler.Benchmarks.Benchmarks;

/// <summary>
/// Runs one benchmark against a fresh LocalKube within a time limit, disposes it, and checks that no pod process
/// of the run outlived it. Returns the process exit code: 0 when the benchmark and that check passed.
/// </summary>
public static class BenchmarkRun
{
    public static async Task<int> RunAsync(string name, TimeSpan limit, Func<BenchmarkCluster, CancellationToken, Task<bool>> body, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit);
        PrintMachine(name);
        bool passed;
        string runId;
        var starting = Timing.Now();
        var cluster = await BenchmarkCluster.StartAsync();
        try
        {
            runId = cluster.RunId;
            Console.WriteLine($"LocalKube started in {Timing.MillisecondsSince(starting):F0} ms at {cluster.Server.BaseUri}, data directory {cluster.DataDirectory}, run id {runId}");
            passed = await body(cluster, deadline.Token);
        }
        finally
        {
            var disposing = Timing.Now();
            await cluster.DisposeAsync();
            Console.WriteLine($"LocalKube disposed in {Timing.MillisecondsSince(disposing):F0} ms");
        }
        var leftovers = ProcessTable.WithEnvironment(ProcessTable.Read(), BenchmarkCluster.RunVariable, runId);
        Console.WriteLine($"After LocalKube was disposed: {leftovers.Count} pod processes of this run left" +
                          (leftovers.Count > 0 ? $": {string.Join(", ", leftovers.Select(p => $"{p.Pid} {p.Command} ({p.State})"))}" : ""));
        PrintLoad("at end");
        return passed && leftovers.Count == 0 ? 0 : 1;
    }

    private static void PrintLoad(string when) =>
        Console.WriteLine($"load average {when} (1/5/15 min): {LoadAverage.Read()}");

    private static void PrintMachine(string name)
    {
        Console.WriteLine($"benchmark {name} · {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z · {Machine.Describe()}");
        PrintLoad("at start");
    }
}
