using Microsoft.AspNetCore.Http;

namespace Scheduler.Agent.Api;

/// <summary>Who sent an authenticated request: the operator, or the holder of one resource class's token.</summary>
public sealed record ApiCaller(string? ResourceClass)
{
    public static readonly ApiCaller Operator = new((string?)null);

    public bool IsOperator => ResourceClass is null;

    /// <summary>Whether the caller may submit to, read and cancel tasks of <paramref name="resourceClass"/>.</summary>
    public bool MayUse(string resourceClass) => IsOperator || ResourceClass == resourceClass;

    /// <summary>The caller <see cref="BearerAuthFilter"/> identified for this request.</summary>
    public static ApiCaller Of(HttpContext http) =>
        http.Items[typeof(ApiCaller)] as ApiCaller
        ?? throw new InvalidOperationException($"{http.Request.Path} is mapped without {nameof(BearerAuthFilter)}");
}
