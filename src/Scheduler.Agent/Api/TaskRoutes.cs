namespace Scheduler.Agent.Api;

/// <summary>The API's paths, shared by the endpoints and the CLI's client.</summary>
public static class TaskRoutes
{
    public const string Tasks = "/api/v1/tasks";

    public const string GarbageCollector = "/api/v1/gc";

    public const string GarbageCollectorRun = GarbageCollector + "/run";

    public static string Task(string id) => $"{Tasks}/{Uri.EscapeDataString(id)}";

    public static string Logs(string id) => $"{Task(id)}/logs";

    public static string LogEvents(string id) => $"{Logs(id)}/events";

    public static string Cancel(string id) => $"{Task(id)}/cancel";

    /// <summary>Response header of the logs endpoint: the byte offset of the body's first byte.</summary>
    public const string LogOffsetHeader = "X-Log-Offset";

    /// <summary>Response header of a logs request without follow: whether the job's log is complete (no more bytes will come).</summary>
    public const string LogCompleteHeader = "X-Log-Complete";
}

/// <summary>The resource-class paths, shared by the endpoints and the CLI's client.</summary>
public static class ResourceClassRoutes
{
    public const string ResourceClasses = "/api/v1/resource-classes";
}
