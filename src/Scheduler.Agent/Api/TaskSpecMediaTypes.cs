using Microsoft.Net.Http.Headers;

namespace Scheduler.Agent.Api;

/// <summary>The content types a task spec may be posted as. The parser reads YAML, and JSON is YAML.</summary>
public static class TaskSpecMediaTypes
{
    public static readonly IReadOnlyList<string> Accepted =
        ["application/json", "application/yaml", "text/yaml", "application/x-yaml"];

    public static bool IsAccepted(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && Accepted.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase)
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
