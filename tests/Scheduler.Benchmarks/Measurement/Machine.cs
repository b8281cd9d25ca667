using System.Runtime.InteropServices;

namespace Scheduler.Benchmarks.Measurement;

public static class Machine
{
    /// <summary>Cores, CPU model, OS and .NET version, on one line.</summary>
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        return $"{Environment.ProcessorCount} cores ({cpu}) · {RuntimeInformation.OSDescription} · .NET {Environment.Version}";
    }
}
