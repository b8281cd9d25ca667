namespace Scheduler.Domain.Config;

/// <summary>Valid options, or the errors that name each bad key. Never both.</summary>
public sealed record ConfigLoadResult(SchedulerOptions? Options, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Options is not null;

    public static ConfigLoadResult From(SchedulerOptions options, IReadOnlyList<ConfigError> errors) =>
        errors.Count == 0 ? new(options, []) : new(null, errors);

    /// <summary>One line per error, for a start-up failure message.</summary>
    public string Describe() => string.Join(Environment.NewLine, Errors);
}
