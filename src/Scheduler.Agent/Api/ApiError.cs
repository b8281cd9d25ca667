using System.Text.Json.Serialization;

namespace Scheduler.Agent.Api;

/// <summary>The body of every error response: <c>{"error": "...", "details": [{"path": "...", "message": "..."}]}</c>.</summary>
public sealed record ApiError(
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApiErrorDetail>? Details = null);

/// <summary>One problem with the request; <see cref="Path"/> names the field or parameter (<c>steps[2].run</c>, <c>state</c>).</summary>
public sealed record ApiErrorDetail(string Path, string Message);
