namespace Scheduler.Domain.Config;

/// <summary>One configuration problem, named by its full key path (e.g. <c>agent.resourceClasses.small.token</c>).</summary>
public sealed record ConfigError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
