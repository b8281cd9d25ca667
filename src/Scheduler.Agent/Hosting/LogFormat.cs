namespace Scheduler.Agent.Hosting;

/// <summary>How a process writes its log lines on the console.</summary>
public enum LogFormat
{
    /// <summary>For people: <c>time level message</c>, one line each (<c>sched run</c>).</summary>
    Text,

    /// <summary>For log collectors: one JSON object per line, with each event's properties (<c>sched agent</c>).</summary>
    Json,
}
