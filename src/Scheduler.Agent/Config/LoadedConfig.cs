using Scheduler.Domain.Config;

namespace Scheduler.Agent.Config;

/// <summary>The outcome of loading a replica's config: the validated options and the merged HOCON
/// (its <c>akka.*</c> part feeds the actor system), or the errors naming each bad key.</summary>
public sealed record LoadedConfig(ConfigLoadResult Result, Akka.Configuration.Config Hocon)
{
    public bool IsValid => Result.IsValid;

    public SchedulerOptions Options => Result.Options ?? throw new InvalidOperationException($"The config is invalid:{Environment.NewLine}{Describe()}");

    public IReadOnlyList<ConfigError> Errors => Result.Errors;

    public string Describe() => Result.Describe();
}
