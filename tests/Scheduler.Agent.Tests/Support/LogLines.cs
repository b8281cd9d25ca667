using System.Text.Json;

namespace Scheduler.Agent.Tests.Support;

/// <summary>The agent's console log lines: compact JSON events (<c>@t</c>, <c>@m</c>, <c>@l</c>, properties by name).</summary>
public static class LogLines
{
    /// <summary>The rendered message of a JSON log line; any other line as it is.</summary>
    public static string Message(string line)
    {
        if (!line.StartsWith('{'))
            return line;
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("@m", out var message) ? message.GetString() ?? line : line;
        }
        catch (JsonException)
        {
            return line;
        }
    }
}
