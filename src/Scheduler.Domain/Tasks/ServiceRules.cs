using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// Checks of a task's <see cref="TaskSpec.Services"/> against its resource class: the class must allow services
/// (<c>allowServices</c>), each image must pass <c>allowedImages</c> and <c>allowedPullPolicies</c> like the task's
/// own image, and a service may not take the name of a container the class's pod template already has.
/// </summary>
public static class ServiceRules
{
    public static IEnumerable<ValidationError> Check(TaskSpec spec, ResourceClassOptions resourceClass)
    {
        if (spec.Services.Count == 0)
            yield break;
        if (!resourceClass.AllowServices)
        {
            yield return new ValidationError("services", $"not allowed in {resourceClass.Name} (allowServices = false)");
            yield break;
        }

        var templateContainers = (resourceClass.Template.Spec?.Containers ?? []).Skip(1).Select(c => c.Name).ToHashSet();
        for (var i = 0; i < spec.Services.Count; i++)
        {
            var service = spec.Services[i];
            var path = $"services[{i}]";
            if (!ImagePatterns.Allows(resourceClass.AllowedImages, service.Image))
                yield return new ValidationError(path + ".image",
                    $"\"{service.Image}\" is not allowed in {resourceClass.Name}; allowedImages: {string.Join(", ", resourceClass.AllowedImages)}");
            var policy = PullPolicies.Effective(null, service.Image);
            if (!PullPolicies.Allowed(policy, resourceClass.AllowedPullPolicies))
                yield return new ValidationError(path + ".image",
                    $"\"{service.Image}\" would be pulled with policy {policy}, not allowed in {resourceClass.Name}; allowedPullPolicies: {string.Join(", ", resourceClass.AllowedPullPolicies)}");
            if (templateContainers.Contains(service.Name))
                yield return new ValidationError(path + ".name", $"the pod template of {resourceClass.Name} already has a container named \"{service.Name}\"");
        }
    }
}
