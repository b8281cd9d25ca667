using Microsoft.AspNetCore.Http;
using Scheduler.Domain.Config;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Api;

/// <summary>
/// Decides whether an authenticated caller's task may be queued: the spec must parse and validate, name a configured
/// resource class the caller may use (its own class, or any for the operator), and fit the agent's limits
/// (<c>agent.maxRunTime</c>).
/// </summary>
public sealed class TaskAdmission(IReadOnlySet<string> classes, TimeSpan maxRunTime)
{
    public static TaskAdmission From(AgentOptions agent) =>
        new(agent.ResourceClasses.Keys.ToHashSet(), agent.MaxRunTime);

    public AdmissionResult Admit(ApiCaller caller, string specText)
    {
        var parsed = TaskSpecParser.Parse(specText);
        if (!parsed.IsValid)
            return InvalidSpec(StatusCodes.Status400BadRequest, parsed.Errors);

        var spec = parsed.Spec;
        if (!classes.Contains(spec.ResourceClass))
            return new AdmissionResult.Rejected(StatusCodes.Status422UnprocessableEntity, new ApiError(
                "unknown resource class",
                [new ApiErrorDetail("resource_class", $"this agent has no resource class \"{spec.ResourceClass}\"")]));
        if (!caller.MayUse(spec.ResourceClass))
            return new AdmissionResult.Rejected(StatusCodes.Status403Forbidden,
                new ApiError("the token is not valid for this resource class"));

        var limitErrors = TaskSpecLimits.Check(spec, maxRunTime);
        return limitErrors.Count > 0
            ? InvalidSpec(StatusCodes.Status422UnprocessableEntity, limitErrors)
            : new AdmissionResult.Admitted(spec);
    }

    private static AdmissionResult.Rejected InvalidSpec(int statusCode, IEnumerable<ValidationError> errors) =>
        new(statusCode, new ApiError("invalid task spec", errors.Select(e => new ApiErrorDetail(e.Path, e.Message)).ToList()));
}
