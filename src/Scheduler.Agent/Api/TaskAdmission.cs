using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Scheduler.Domain.Config;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Api;

/// <summary>
/// Decides whether a submitted task may be queued: the bearer token must belong to the spec's resource class,
/// the spec must parse and validate, and its timeout must fit <c>agent.maxRunTime</c>.
/// A token that belongs to no class is refused before the spec is even looked at, so an unauthenticated caller
/// learns nothing about the spec rules or which classes exist.
/// </summary>
public sealed class TaskAdmission(IReadOnlyDictionary<string, string> tokensByClass, TimeSpan maxRunTime)
{
    public static TaskAdmission From(AgentOptions agent) =>
        new(agent.ResourceClasses.ToDictionary(c => c.Key, c => c.Value.Token), agent.MaxRunTime);

    public bool IsKnownToken(string token) =>
        tokensByClass.Values.Any(classToken => TokensEqual(classToken, token));

    public AdmissionResult Admit(string token, string specText)
    {
        if (!IsKnownToken(token))
            return Forbidden();

        var parsed = TaskSpecParser.Parse(specText);
        if (!parsed.IsValid)
            return InvalidSpec(StatusCodes.Status400BadRequest, parsed.Errors);

        var spec = parsed.Spec;
        if (!tokensByClass.TryGetValue(spec.ResourceClass, out var classToken))
            return new AdmissionResult.Rejected(StatusCodes.Status422UnprocessableEntity, new ApiError(
                "unknown resource class",
                [new ApiErrorDetail("resource_class", $"this agent has no resource class \"{spec.ResourceClass}\"")]));
        if (!TokensEqual(classToken, token))
            return Forbidden();

        var limitErrors = TaskSpecLimits.Check(spec, maxRunTime);
        return limitErrors.Count > 0
            ? InvalidSpec(StatusCodes.Status422UnprocessableEntity, limitErrors)
            : new AdmissionResult.Admitted(spec);
    }

    private static AdmissionResult.Rejected Forbidden() =>
        new(StatusCodes.Status403Forbidden, new ApiError("the token is not valid for this resource class"));

    private static AdmissionResult.Rejected InvalidSpec(int statusCode, IEnumerable<ValidationError> errors) =>
        new(statusCode, new ApiError("invalid task spec", errors.Select(e => new ApiErrorDetail(e.Path, e.Message)).ToList()));

    private static bool TokensEqual(string expected, string actual) =>
        expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
