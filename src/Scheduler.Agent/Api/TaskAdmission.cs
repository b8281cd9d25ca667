using Microsoft.AspNetCore.Http;
using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Api;

/// <summary>
/// Decides whether an authenticated caller's task may be queued: the spec must parse and validate, name a configured
/// resource class the caller may use (its own class, or any for the operator), use an image and pull policy the
/// class allows (<c>allowedImages</c>, <c>allowedPullPolicies</c>), run services only where the class allows them
/// (<see cref="ServiceRules"/>), keep its resources and overrides within the class's caps
/// (<see cref="PodOverridesLimits"/>), and fit <c>agent.maxRunTime</c>.
/// </summary>
public sealed class TaskAdmission(IReadOnlyDictionary<string, ResourceClassOptions> classes, TimeSpan maxRunTime)
{
    public static TaskAdmission From(AgentOptions agent) => new(agent.ResourceClasses, agent.MaxRunTime);

    public AdmissionResult Admit(ApiCaller caller, string specText)
    {
        var parsed = TaskSpecParser.Parse(specText);
        if (!parsed.IsValid)
            return InvalidSpec(StatusCodes.Status400BadRequest, parsed.Errors);

        var spec = parsed.Spec;
        // Checked before the class's existence, so a class token cannot learn which other classes exist.
        if (!caller.MayUse(spec.ResourceClass))
            return new AdmissionResult.Rejected(StatusCodes.Status403Forbidden, new ApiError(
                "the token is not valid for this resource class",
                [new ApiErrorDetail("resource_class", $"the token submits only to {caller.ResourceClass}")]));
        if (!classes.TryGetValue(spec.ResourceClass, out var resourceClass))
            return new AdmissionResult.Rejected(StatusCodes.Status422UnprocessableEntity, new ApiError(
                "unknown resource class",
                [new ApiErrorDetail("resource_class", $"this agent has no resource class \"{spec.ResourceClass}\"")]));

        var errors = TaskSpecLimits.Check(spec, maxRunTime)
            .Concat(ImageErrors(spec, resourceClass))
            .Concat(ServiceRules.Check(spec, resourceClass))
            .Concat(RetryRules.Check(spec, resourceClass))
            .Concat(PodOverridesLimits.Check(spec.PodOverrides, resourceClass))
            .ToList();
        return errors.Count > 0
            ? InvalidSpec(StatusCodes.Status422UnprocessableEntity, errors)
            : new AdmissionResult.Admitted(spec);
    }

    private static IEnumerable<ValidationError> ImageErrors(TaskSpec spec, ResourceClassOptions resourceClass)
    {
        var template = resourceClass.Template.Spec;
        var image = spec.Image
            ?? (template?.Containers is [{ Image: { Length: > 0 } templateImage }, ..] ? templateImage : PodBuilder.DefaultImage);
        if (!ImagePatterns.Allows(resourceClass.AllowedImages, image))
            yield return new ValidationError("image",
                $"\"{image}\" is not allowed in {resourceClass.Name}; allowedImages: {string.Join(", ", resourceClass.AllowedImages)}");
        var policy = PullPolicies.Effective(template, image);
        if (!PullPolicies.Allowed(policy, resourceClass.AllowedPullPolicies))
            yield return new ValidationError("image",
                $"\"{image}\" would be pulled with policy {policy}, not allowed in {resourceClass.Name}; allowedPullPolicies: {string.Join(", ", resourceClass.AllowedPullPolicies)}");
    }

    private static AdmissionResult.Rejected InvalidSpec(int statusCode, IEnumerable<ValidationError> errors) =>
        new(statusCode, new ApiError("invalid task spec", errors.Select(e => new ApiErrorDetail(e.Path, e.Message)).ToList()));
}
