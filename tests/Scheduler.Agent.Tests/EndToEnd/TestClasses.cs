namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>Resource classes for agent tests, as a config file would declare them.</summary>
public static class TestClasses
{
    public const string Limited = "test/limited";
    public const string Nowhere = "test/nowhere";
    public const string Small = "local/small";

    public const string Hocon = """
        agent {
          maxConcurrentTasks = 20
          imagePullGracePeriod = 2s
          resourceClasses {
            "test/limited" { token = "limited-token", maxConcurrentTasks = 5, execution = exec }
            "test/nowhere" {
              token = "nowhere-token"
              execution = exec
              spec { nodeSelector { "disktype" = "ssd" } }
            }
            "local/small" { token = "small-token", maxConcurrentTasks = 10, execution = exec }
          }
        }
        """;

    /// <summary>One class, <c>test/single</c>, that runs one job at a time: a second job stays queued.</summary>
    public const string OneAtATimeHocon = """
        agent {
          resourceClasses {
            "test/single" { token = "single-token", maxConcurrentTasks = 1, execution = exec }
          }
        }
        """;
}
