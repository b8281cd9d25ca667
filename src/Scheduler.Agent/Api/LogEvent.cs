using System.Text.Json.Serialization;

namespace Scheduler.Agent.Api;

/// <summary>
/// One line of <c>GET /api/v1/tasks/{id}/logs/events</c> (NDJSON): the log's bytes interleaved with its step
/// boundaries, in log order. <see cref="Offset"/> is the log byte offset where the event happens; an
/// <see cref="Types.Output"/> event carries <see cref="Data"/> (base64 in JSON) starting there.
/// </summary>
public sealed record LogEvent(
    string Type,
    long Offset,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Step = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExitCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Stream = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] byte[]? Data = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Attempt = null)
{
    public static class Types
    {
        public const string StepStarted = "stepStarted";
        public const string Output = "output";
        public const string StepFinished = "stepFinished";

        /// <summary>The last event: the log is complete; <see cref="LogEvent.Offset"/> is its length.</summary>
        public const string End = "end";
    }
}
