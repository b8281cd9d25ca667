namespace Scheduler.Agent.Logs;

/// <summary>Which stream a log chunk came from. <see cref="System"/> is the agent's own lines (step headers, errors).</summary>
public enum LogStream
{
    Stdout = 1,
    Stderr = 2,
    System = 3,
}
