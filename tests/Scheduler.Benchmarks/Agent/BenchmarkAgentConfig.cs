using Scheduler.Benchmarks.Cluster;

namespace Scheduler.Benchmarks.Agent;

/// <summary>The agent config of a benchmark: one exec class whose pods carry the run's label, so the run's pod watch and leftover checks see them.</summary>
public static class BenchmarkAgentConfig
{
    public const string Token = "bench-token";

    public static string For(string resourceClass, string runId, int maxConcurrentTasks, string extra = "") => $$"""
        agent {
          maxConcurrentTasks = {{maxConcurrentTasks}}
          resourceClasses {
            "{{resourceClass}}" {
              token = "{{Token}}"
              maxConcurrentTasks = {{maxConcurrentTasks}}
              execution = exec
              metadata { labels { "{{BenchmarkCluster.RunLabel}}" = "{{runId}}" } }
            }
          }
        }
        {{extra}}
        """;
}
