using System.Text;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// A validated CI task: which resource class runs it, the image (null = the class template's image, see
/// <c>PodBuilder</c>), the steps in order, plain environment variables, secrets (exposed to the steps as
/// environment variables through a Kubernetes Secret), an optional timeout (null = <c>agent.maxRunTime</c>) and the
/// <see cref="Services"/> that run beside the steps.
/// Produced by <see cref="TaskSpecParser"/>. Equality compares contents; <see cref="ToString"/> masks secret values.
/// </summary>
public sealed record TaskSpec(
    string ResourceClass,
    string? Image,
    IReadOnlyList<StepSpec> Steps,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Secrets,
    TimeSpan? Timeout)
{
    /// <summary>What <see cref="ToString"/> prints instead of a secret value.</summary>
    public const string Mask = "********";

    /// <summary>Containers started in the task pod beside the steps' container, in order.</summary>
    public IReadOnlyList<ServiceSpec> Services { get; init; } = [];
    /// <summary>The task's <c>resources</c>, <c>nodeSelector</c> and <c>tolerations</c>.</summary>
    public TaskPodOverrides PodOverrides { get; init; } = TaskPodOverrides.None;
    /// <summary>The task's <c>retry.infrastructure</c>: how many new attempts an infrastructure failure may start.</summary>
    public int InfrastructureRetries { get; init; }

    public bool Equals(TaskSpec? other) =>
        other is not null
        && ResourceClass == other.ResourceClass
        && Image == other.Image
        && Timeout == other.Timeout
        && Steps.SequenceEqual(other.Steps)
        && SameEntries(Environment, other.Environment)
        && SameEntries(Secrets, other.Secrets)
        && Services.SequenceEqual(other.Services)
        && PodOverrides == other.PodOverrides
        && InfrastructureRetries == other.InfrastructureRetries;

    public override int GetHashCode() => HashCode.Combine(ResourceClass, Image, Timeout, Steps.Count);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"ResourceClass = {ResourceClass}, Image = {Image ?? "(class default)"}, ");
        builder.Append($"Steps = [{string.Join(", ", Steps.Select(s => s.Name))}], ");
        builder.Append($"Environment = {{{string.Join(", ", Environment.Select(e => $"{e.Key}={e.Value}"))}}}, ");
        builder.Append($"Secrets = {{{string.Join(", ", Secrets.Keys.Select(k => $"{k}={Mask}"))}}}, ");
        builder.Append($"Timeout = {Timeout?.ToString() ?? "(agent maxRunTime)"}");
        if (Services.Count > 0)
            builder.Append($", Services = [{string.Join(", ", Services.Select(s => s.Name))}]");
        return true;
    }

    private static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && v == e.Value);
}
