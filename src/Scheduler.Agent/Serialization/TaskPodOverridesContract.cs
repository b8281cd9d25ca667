using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Serialization;

// The stored shape of a task's resources, node selector and tolerations, inside TaskSpecV1. Absent in specs stored
// before these fields existed (and in specs without them), which read as no overrides.

public sealed record TaskPodOverridesV1(
    ResourceAmountsV1? Requests,
    ResourceAmountsV1? Limits,
    IReadOnlyDictionary<string, string>? NodeSelector,
    IReadOnlyList<TolerationV1>? Tolerations);

public sealed record ResourceAmountsV1(string? Cpu, string? Memory);

public sealed record TolerationV1(string Key, string Operator, string? Value, string? Effect, long? TolerationSeconds);

internal static class TaskPodOverridesContract
{
    public static TaskPodOverridesV1? ToContract(TaskPodOverrides overrides) => overrides.IsEmpty
        ? null
        : new TaskPodOverridesV1(
            Amounts(overrides.Resources.Requests),
            Amounts(overrides.Resources.Limits),
            overrides.NodeSelector.Count == 0 ? null : overrides.NodeSelector,
            overrides.Tolerations.Count == 0 ? null : overrides.Tolerations.Select(t => new TolerationV1(t.Key, t.Operator, t.Value, t.Effect, t.TolerationSeconds)).ToArray());

    public static TaskPodOverrides FromContract(TaskPodOverridesV1? stored) => stored is null
        ? TaskPodOverrides.None
        : new TaskPodOverrides(
            new TaskResources(Amounts(stored.Requests), Amounts(stored.Limits)),
            stored.NodeSelector ?? new Dictionary<string, string>(),
            (stored.Tolerations ?? []).Select(t => new TaskToleration(t.Key, t.Operator, t.Value, t.Effect, t.TolerationSeconds)).ToArray());

    private static ResourceAmountsV1? Amounts(ResourceAmounts amounts) =>
        amounts.IsEmpty ? null : new ResourceAmountsV1(amounts.Cpu?.Text, amounts.Memory?.Text);

    private static ResourceAmounts Amounts(ResourceAmountsV1? stored) =>
        stored is null ? ResourceAmounts.None : new ResourceAmounts(Quantity(stored.Cpu), Quantity(stored.Memory));

    private static KubeQuantity? Quantity(string? text) =>
        text is null ? null : KubeQuantity.Parse(text, out var error) ?? throw new FormatException($"stored quantity: {error}");
}
