namespace Scheduler.Agent.Tests.Chaos;

/// <summary>
/// How much of the chaos suite runs, from <c>SCHED_CHAOS_PROFILE</c>. <c>default</c> (or unset) fits <c>.ci/run</c>'s
/// budget: a crash, a drain and a partition of one of three replicas with a few jobs each, and API faults.
/// <c>large</c> adds a replica killed during its drain and a PostgreSQL restart, and crashes the busiest replica with
/// about 100 jobs in flight.
/// </summary>
public sealed record ChaosProfile(string Name, int CrashJobsPerClass)
{
    public const string Variable = "SCHED_CHAOS_PROFILE";

    private static readonly ChaosProfile Default = new("default", CrashJobsPerClass: 4);
    private static readonly ChaosProfile Large = new("large", CrashJobsPerClass: 50);

    public static ChaosProfile Current { get; } = Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "default" => Default,
        "large" => Large,
        var other => throw new InvalidOperationException($"{Variable} must be \"default\" or \"large\", got \"{other}\""),
    };

    public bool IsLarge => this == Large;
}
