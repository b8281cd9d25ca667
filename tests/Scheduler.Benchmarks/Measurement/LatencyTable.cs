namespace Scheduler.Benchmarks.Measurement;

/// <summary>Prints latency rows as a fixed-width table, with each row's p50 and p99 as multiples of the baseline rows'.</summary>
public static class LatencyTable
{
    public static void Print(string title, IReadOnlyList<(string Name, LatencyStats Stats)> rows, params string[] baselines)
    {
        var width = Math.Max(10, rows.Max(r => r.Name.Length));
        var reference = baselines.Select(b => rows.Single(r => r.Name == b)).ToList();
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"{"".PadRight(width)} {"n",5} {"p50 ms",9} {"p90 ms",9} {"p99 ms",9} {"max ms",9} {"mean ms",9}" +
                          string.Concat(reference.Select((_, i) => $"   p50/p99 ×[{i + 1}]")));
        foreach (var (name, s) in rows)
            Console.WriteLine($"{name.PadRight(width)} {s.Count,5} {s.P50,9:F2} {s.P90,9:F2} {s.P99,9:F2} {s.Max,9:F2} {s.Mean,9:F2}" +
                              string.Concat(reference.Select(b => $"   {s.P50 / b.Stats.P50,6:F1}/{s.P99 / b.Stats.P99,-6:F1}")));
        for (var i = 0; i < reference.Count; i++)
            Console.WriteLine($"[{i + 1}] baseline: {reference[i].Name}");
    }
}
