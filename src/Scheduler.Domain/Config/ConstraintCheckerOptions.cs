namespace Scheduler.Domain.Config;

/// <summary>The <c>agent.constraintChecker.*</c> section. Unlike CircleCI's, it is on by default.</summary>
public sealed record ConstraintCheckerOptions
{
    public bool Enable { get; init; } = true;

    /// <summary>Consecutive failed checks after which a resource class stops claiming.</summary>
    public int Threshold { get; init; } = 3;

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(15);
}
