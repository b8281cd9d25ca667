namespace Scheduler.Agent.Api;

/// <summary>The API's paths, shared by the endpoints and the CLI's client.</summary>
public static class TaskRoutes
{
    public const string Tasks = "/api/v1/tasks";

    public static string Task(string id) => $"{Tasks}/{Uri.EscapeDataString(id)}";

    public static string Logs(string id) => $"{Task(id)}/logs";

    public static string Cancel(string id) => $"{Task(id)}/cancel";

    /// <summary>Response header of the logs endpoint: the byte offset of the body's first byte.</summary>
    public const string LogOffsetHeader = "X-Log-Offset";
}
