using k8s.Models;

namespace Scheduler.LocalKube.Api;

/// <summary>An API failure that is answered with a v1 Status body.</summary>
internal sealed class StatusException(int code, string reason, string message, V1StatusDetails? details = null)
    : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public V1StatusDetails? Details { get; } = details;

    /// <summary>The Status body as JSON (KubernetesClient's V1Status converter can only read).</summary>
    public string ToJson() => StatusJson.Serialize(ToStatus());

    public V1Status ToStatus() => new()
    {
        ApiVersion = "v1",
        Kind = "Status",
        Metadata = new V1ListMeta(),
        Status = "Failure",
        Message = Message,
        Reason = Reason,
        Details = Details,
        Code = Code,
    };

    public static StatusException NotFound(string resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found", new V1StatusDetails { Name = name, Kind = resource });

    public static StatusException UnknownResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new V1StatusDetails());

    public static StatusException AlreadyExists(string resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists", new V1StatusDetails { Name = name, Kind = resource });

    public static StatusException Conflict(string resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource} \"{name}\": {why}", new V1StatusDetails { Name = name, Kind = resource });

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new V1StatusDetails());

    public static StatusException Expired(string message) => new(410, "Expired", message);

    public static StatusException Invalid(string kind, string name, IReadOnlyList<V1StatusCause> causes) =>
        new(422, "Invalid",
            $"{kind} \"{name}\" is invalid: " + string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}")),
            new V1StatusDetails { Name = name, Kind = kind, Causes = causes.ToList() });
}
