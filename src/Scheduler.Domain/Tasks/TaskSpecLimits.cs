using Scheduler.Domain.Time;

namespace Scheduler.Domain.Tasks;

/// <summary>Checks of a parsed <see cref="TaskSpec"/> that need the agent's configuration.</summary>
public static class TaskSpecLimits
{
    /// <summary>Errors if the spec's timeout exceeds <paramref name="maxRunTime"/> (<c>agent.maxRunTime</c>); empty if fine.</summary>
    public static IReadOnlyList<ValidationError> Check(TaskSpec spec, TimeSpan maxRunTime) =>
        spec.Timeout is { } timeout && timeout > maxRunTime
            ? [new ValidationError("timeout", $"{GoDuration.Format(timeout)} exceeds agent.maxRunTime ({GoDuration.Format(maxRunTime)})")]
            : [];

    /// <summary>The run-time limit that applies to the job: its own timeout, or <c>agent.maxRunTime</c>.</summary>
    public static TimeSpan EffectiveTimeout(TaskSpec spec, TimeSpan maxRunTime) =>
        spec.Timeout is { } timeout && timeout < maxRunTime ? timeout : maxRunTime;
}
