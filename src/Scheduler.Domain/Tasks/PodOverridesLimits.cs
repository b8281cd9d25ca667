using Scheduler.Domain.Config;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// Checks a task's <see cref="TaskPodOverrides"/> against its resource class: every cpu value (request and limit) at
/// most <c>maxCpu</c>, every memory value at most <c>maxMemory</c> (a class without the cap lets no task set that
/// resource), and node selector and toleration keys only those the class lists.
/// </summary>
public static class PodOverridesLimits
{
    public static IReadOnlyList<ValidationError> Check(TaskPodOverrides overrides, ResourceClassOptions resourceClass)
    {
        var errors = new List<ValidationError>();
        var setting = $"agent.resourceClasses.\"{resourceClass.Name}\"";
        foreach (var (path, resource, quantity) in overrides.Resources.Values())
        {
            var (capName, cap) = resource == "cpu" ? ("maxCpu", resourceClass.MaxCpu) : ("maxMemory", resourceClass.MaxMemory);
            if (cap is null)
                errors.Add(new ValidationError(path, $"not allowed: {setting}.{capName} is not set"));
            else if (quantity > cap)
                errors.Add(new ValidationError(path, $"{quantity} exceeds {setting}.{capName} ({cap})"));
        }
        foreach (var key in overrides.NodeSelector.Keys.Where(k => !resourceClass.AllowedNodeSelectorKeys.Contains(k)))
            errors.Add(new ValidationError($"nodeSelector.{key}",
                $"the key {key} may not be overridden in {resourceClass.Name}; allowedNodeSelectorKeys: {List(resourceClass.AllowedNodeSelectorKeys)}"));
        for (var i = 0; i < overrides.Tolerations.Count; i++)
        {
            var key = overrides.Tolerations[i].Key;
            if (!resourceClass.AllowedTolerationKeys.Contains(key))
                errors.Add(new ValidationError($"tolerations[{i}].key",
                    $"the key {key} may not be tolerated in {resourceClass.Name}; allowedTolerationKeys: {List(resourceClass.AllowedTolerationKeys)}"));
        }
        return errors;
    }

    private static string List(IReadOnlyList<string> keys) => keys.Count == 0 ? "(none)" : string.Join(", ", keys);
}
